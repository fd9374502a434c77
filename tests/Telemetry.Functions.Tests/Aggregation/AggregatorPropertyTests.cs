using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Telemetry.Contracts;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

// Exactly-once effect, checked on the code the Lambda runs: the function's event mapping and the shared
// StreamBatchProcessor (which the CLI's redrive runs too) over the in-memory stores.
public class AggregatorPropertyTests
{
    private static readonly string[] Devices = ["dev-a", "dev-b", "dev-c"];
    private static readonly string[] Metrics = ["temp", "humidity"];

    // Multiples of 0.25 up to 100: every sum and sum of squares of a few dozen of them is exact in a double, so
    // adding them in another order (which splitting and interleaving does) gives the same bits, and the
    // comparison below can be exact instead of within a rounding tolerance that could hide a double count.
    private static readonly Gen<double> ExactValue = Gen.Choose(-400, 400).Select(quarters => quarters / 4.0);

    // Within the last three hours of the test's clock: never too late, never in the future. Sequence numbers are
    // given afterwards, per device and boot, so that the readings are distinct.
    private static readonly Gen<Reading> Reading =
        from device in Gen.Elements(Devices)
        from boot in Gen.Elements(0L, 1_764_000_000_000L)
        from secondsAgo in Gen.Choose(1, (int)TimeSpan.FromHours(3).TotalSeconds)
        from names in Gen.SubListOf(Metrics).Where(n => n.Count > 0)
        from values in Gen.ArrayOf(ExactValue, names.Count)
        select At(device, Now.AddSeconds(-secondsAgo), 1, [.. names.Zip(values)]) with { Boot = boot };

    // Each distinct reading is put 1 to 3 times (producer retries), each copy on any of 1 to 3 shards (a reshard
    // or a misrouted retry), at any place in that shard.
    private static readonly Arbitrary<(Reading[] Readings, int Shards, int Seed)> ReadingsAndSeed =
        Gen.ArrayOf(Reading)
            .Zip(Gen.Choose(1, 3))
            .Zip(Gen.Choose(0, int.MaxValue - 1))
            .Select(t => (Numbered(t.Item1.Item1), t.Item1.Item2, t.Item2))
            .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property ProcessAsync_AnyDuplicatesSplitsInterleavingAndRedelivery_StoresTheDistinctReadingsOnce() =>
        Prop.ForAll(ReadingsAndSeed, input =>
        {
            var random = new Random(input.Seed);
            var copies = input.Readings
                .SelectMany(r => Enumerable.Repeat(r, random.Next(1, 4)))
                .Select(r => (Shard: random.Next(input.Shards), Order: random.Next(), Reading: r))
                .ToList();
            var shards = Enumerable.Range(0, input.Shards)
                .Select(i => copies.Where(c => c.Shard == i).OrderBy(c => c.Order)
                    .Aggregate(new KinesisEventBuilder($"shardId-{i:D12}"), (b, c) => b.Add(c.Reading)).Build().Records)
                .ToList();
            var onePass = new FakeStores();
            var delivered = new FakeStores();
            var plan = DeliveryPlan.Plan(shards, random);

            var distinct = input.Readings.Aggregate(new KinesisEventBuilder("shardId-000000000000"), (b, r) => b.Add(r)).Build();
            var whole = onePass.NewFunction().ProcessAsync(distinct, CancellationToken.None).GetAwaiter().GetResult();
            var responses = plan.Select(e => delivered.NewFunction().ProcessAsync(e, CancellationToken.None).GetAwaiter().GetResult()).ToList();

            Assert.Empty(whole.BatchItemFailures);
            Assert.All(responses, r => Assert.Empty(r.BatchItemFailures));
            Assert.Equal(RollupDescriptions.Describe(onePass.Rollups.Windows), RollupDescriptions.Describe(delivered.Rollups.Windows));
            Assert.Equal(input.Readings.Length * 2, delivered.Rollups.Windows.Values.Sum(w => w.ReadingCount));
        });

    private static Reading[] Numbered(Reading[] readings)
    {
        var next = new Dictionary<(string, long), long>();
        return [.. readings.Select(r =>
        {
            var sequence = next[(r.DeviceId, r.Boot)] = next.GetValueOrDefault((r.DeviceId, r.Boot)) + 1;
            return r with { Sequence = sequence };
        })];
    }
}
