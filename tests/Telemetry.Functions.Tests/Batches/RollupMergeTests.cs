using System.Numerics;
using Telemetry.Contracts;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Functions.Tests.Batches;

public class RollupMergeTests
{
    private const string Shard = "shardId-000000000001";
    private static readonly DateTimeOffset Minute = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static SequencedReading At(int sequence, double value, string shard = Shard, int? second = null) =>
        new(shard, SequenceNumber.Parse(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TestReadings.At("dev-1", Minute.AddSeconds(second ?? sequence % 60), sequence, ("temp", value)));

    private static WindowContributions Window(params SequencedReading[] readings) =>
        new(new WindowKey("dev-1", Resolution.Minute, Minute), readings);

    [Fact]
    public void Absorb_NewWindow_AggregatesAndSetsHighWaterMark()
    {
        var state = RollupMerge.Absorb(null, Window(At(2, 4), At(1, -2)));

        Assert.NotNull(state);
        Assert.Equal(2, state.ReadingCount);
        Assert.Equal(new MetricStats(2, 2, -2, 4, 20), state.Metrics["temp"]);
        Assert.Equal(SequenceNumber.Parse("2"), state.HighWaterMarks[Shard]);
    }

    [Fact]
    public void Absorb_AllAtOrBelowHighWaterMark_ReturnsNull()
    {
        var stored = RollupMerge.Absorb(null, Window(At(9, 1), At(10, 2)));

        var again = RollupMerge.Absorb(stored, Window(At(9, 1), At(10, 2)));

        Assert.Null(again);
    }

    [Fact]
    public void Absorb_OverlappingRedelivery_AddsOnlyNewReadings()
    {
        var stored = RollupMerge.Absorb(null, Window(At(1, 1), At(2, 2), At(3, 3)));

        var merged = RollupMerge.Absorb(stored, Window(At(2, 2), At(3, 3), At(4, 4), At(10, 10)));

        Assert.NotNull(merged);
        Assert.Equal(5, merged.ReadingCount);
        Assert.Equal(new MetricStats(5, 20, 1, 10, 130), merged.Metrics["temp"]);
        Assert.Equal(SequenceNumber.Parse("10"), merged.HighWaterMarks[Shard]);
    }

    [Fact]
    public void Absorb_OtherShard_KeepsSeparateHighWaterMarks()
    {
        var stored = RollupMerge.Absorb(null, Window(At(100, 1)));

        var merged = RollupMerge.Absorb(stored, Window(At(5, 2, "shardId-000000000002")));

        Assert.NotNull(merged);
        Assert.Equal(2, merged.ReadingCount);
        Assert.Equal(SequenceNumber.Parse("100"), merged.HighWaterMarks[Shard]);
        Assert.Equal(SequenceNumber.Parse("5"), merged.HighWaterMarks["shardId-000000000002"]);
    }

    [Fact]
    public void GroupByWindow_UnsortedBatch_GroupsPerResolutionSortedBySequence()
    {
        var readings = new[] { At(30, 1), At(7, 2), At(61, 3, second: 61) };

        var windows = BatchPlanner.GroupByWindow(readings, AggregationOptions.Default);

        var minutes = windows.Where(w => w.Key.Resolution == Resolution.Minute).ToList();
        var hour = Assert.Single(windows, w => w.Key.Resolution == Resolution.Hour);
        Assert.Equal([Minute, Minute.AddMinutes(1)], minutes.Select(w => w.Key.Start));
        Assert.Equal([new BigInteger(7), new BigInteger(30)], minutes[0].Readings.Select(r => r.Sequence.Value));
        Assert.Equal([new BigInteger(7), new BigInteger(30), new BigInteger(61)], hour.Readings.Select(r => r.Sequence.Value));
    }
}
