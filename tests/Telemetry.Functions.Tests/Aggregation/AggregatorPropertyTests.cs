using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Functions.Aggregation;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

// Exactly-once effect, checked on the code the Lambda runs: the real BatchProcessor over the in-memory store.
public class AggregatorPropertyTests
{
    private static readonly string[] Devices = ["dev-a", "dev-b", "dev-c"];
    private static readonly string[] Metrics = ["temp", "humidity"];

    // Multiples of 0.25 up to 100: every sum and sum of squares of a few dozen of them is exact in a double, so
    // adding them in another order (which splitting and interleaving does) gives the same bits, and the
    // comparison below can be exact instead of within a rounding tolerance that could hide a double count.
    private static readonly Gen<double> ExactValue = Gen.Choose(-400, 400).Select(quarters => quarters / 4.0);

    // Within the last three hours of the test's clock: never too late, never in the future.
    private static readonly Gen<Reading> Reading =
        from device in Gen.Elements(Devices)
        from secondsAgo in Gen.Choose(1, (int)TimeSpan.FromHours(3).TotalSeconds)
        from names in Gen.SubListOf(Metrics).Where(n => n.Count > 0)
        from values in Gen.ArrayOf(ExactValue, names.Count)
        select At(device, Now.AddSeconds(-secondsAgo), 1, [.. names.Zip(values)]);

    private static readonly Arbitrary<(Reading[][] Shards, int Seed)> ShardsAndSeed =
        Gen.Choose(1, 3)
            .SelectMany(count => Gen.ArrayOf(Gen.ArrayOf(Reading), count))
            .Zip(Gen.Choose(0, int.MaxValue - 1))
            .ToArbitrary();

    private static BatchProcessor NewProcessor(FakeStores stores) =>
        new(stores.Rollups, stores.Rejected, AggregationOptions.Default, new FakeTimeProvider(Now));

    [Property(MaxTest = 200)]
    public Property ProcessAsync_AnySplitInterleavingAndRedelivery_StoresWhatOnePassStores() =>
        Prop.ForAll(ShardsAndSeed, input =>
        {
            var shards = input.Shards
                .Select((readings, i) => readings.Aggregate(new KinesisEventBuilder($"shardId-{i:D12}"), (b, r) => b.Add(r)).Build().Records)
                .ToList();
            var onePass = new FakeStores();
            var delivered = new FakeStores();
            var plan = DeliveryPlan.Plan(shards, new Random(input.Seed));

            var whole = NewProcessor(onePass).ProcessAsync(new KinesisEvent([.. shards.SelectMany(s => s)]), CancellationToken.None).GetAwaiter().GetResult();
            var responses = plan.Select(e => NewProcessor(delivered).ProcessAsync(e, CancellationToken.None).GetAwaiter().GetResult()).ToList();

            Assert.Empty(whole.BatchItemFailures);
            Assert.All(responses, r => Assert.Empty(r.BatchItemFailures));
            Assert.Equal(RollupDescriptions.Describe(onePass.Rollups.Windows), RollupDescriptions.Describe(delivered.Rollups.Windows));
            Assert.Equal(input.Shards.Sum(s => s.Length) * 2, delivered.Rollups.Windows.Values.Sum(w => w.ReadingCount));
        });
}
