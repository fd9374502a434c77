using Amazon.DynamoDBv2;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Storage.Tests.Rollups;

// The item-size budget of docs/reading-identity.md, checked against the emulator's own 400 KB rule.
[Collection(DynaliteCollection.Name)]
public class RollupItemSizeTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Write_LargestWindowTheLimitsAllow_IsStoredAndReadBack()
    {
        var limits = WindowLimits.Default;
        var key = new WindowKey(new string('d', ReadingSchema.MaxDeviceIdLength), Resolution.Minute, Hour);
        var state = Worst(limits.MaxMetrics, limits.MaxAbsorbedLength);

        await dynalite.Client.UpdateItemAsync(RollupItem.Write(table, key, state, 0, Hour.AddDays(30)));

        var stored = RollupItem.Read((await dynalite.Client.GetItemAsync(table, RollupTable.Key(key))).Item);
        Assert.NotNull(stored);
        Assert.Equal(state.Absorbed.StoredLength, stored.State.Absorbed.StoredLength);
        Assert.Equal(limits.MaxMetrics, stored.State.Metrics.Count);
        Assert.All(stored.State.Metrics.Values, m => Assert.Equal(2 * QuantileSketch.MaxBinsPerSign, m.Quantiles!.Count));
    }

    [Fact]
    public async Task Write_IdentityThreeTimesTheLimit_IsRefusedByTheEmulator()
    {
        // The control: the emulator does enforce the size rule the test above relies on.
        var key = new WindowKey("dev-oversized", Resolution.Minute, Hour);
        var state = Worst(WindowLimits.Default.MaxMetrics, 3 * WindowLimits.Default.MaxAbsorbedLength);

        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(
            () => dynalite.Client.UpdateItemAsync(RollupItem.Write(table, key, state, 0, null)));

        Assert.Contains("maximum allowed size", error.Message, StringComparison.Ordinal);
    }

    // Longest names, numbers with the most digits DynamoDB keeps, isolated 19-digit sequence numbers, and sketches
    // with every bin of both signs in use (the writer folds them into its budget).
    private static RollupState Worst(int metrics, int absorbedLength)
    {
        var gamma = (1 + QuantileSketch.RelativeAccuracy) / (1 - QuantileSketch.RelativeAccuracy);
        var widest = QuantileSketch.Of([.. Enumerable.Range(0, QuantileSketch.MaxBinsPerSign).SelectMany(i => new[] { Math.Pow(gamma, i), -Math.Pow(gamma, i) })]);
        var stats = new MetricStats(long.MaxValue, -1.2345678901234567e125, -1.2345678901234567e15, 1.2345678901234567e15, 1.2345678901234567e125, widest);
        var names = Enumerable.Range(0, metrics).ToDictionary(i => $"{i:D4}".PadRight(ReadingSchema.MaxMetricNameLength, 'x'), _ => stats);
        var absorbed = new AbsorbedReadings();
        for (var sequence = long.MaxValue; absorbed.StoredLengthWith(long.MaxValue, sequence) <= absorbedLength; sequence -= 2)
        {
            absorbed.Add(long.MaxValue, sequence);
        }

        return new RollupState(new string('t', ReadingSchema.MaxDeviceTypeLength), new string('s', ReadingSchema.MaxSiteLength), long.MaxValue, names, absorbed);
    }
}
