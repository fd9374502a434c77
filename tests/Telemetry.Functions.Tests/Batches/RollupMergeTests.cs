using System.Numerics;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Tests.Support;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Functions.Tests.Batches;

public class RollupMergeTests
{
    private const string Shard = "shardId-000000000001";
    private static readonly DateTimeOffset Minute = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly WindowKey Key = new("dev-1", Resolution.Minute, Minute);

    // Stream position and reading sequence differ on purpose: identity, not position, must decide.
    private static SequencedReading At(int sequence, double value, string shard = Shard, int? second = null, long boot = 0, long? position = null) =>
        new(shard, SequenceNumber.Parse((position ?? 1000 + sequence).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TestReadings.At("dev-1", Minute.AddSeconds(second ?? sequence % 60), sequence, ("temp", value)) with { Boot = boot });

    private static WindowContributions Window(params SequencedReading[] readings) => new(Key, readings);

    private static RollupState Absorb(RollupState? current, params SequencedReading[] readings) =>
        RollupMerge.Absorb(current, Window(readings), WindowLimits.Default).Next ?? throw new InvalidOperationException("nothing new");

    [Fact]
    public void Absorb_NewWindow_AggregatesAndRecordsIdentities()
    {
        var state = Absorb(null, At(2, 4), At(1, -2));

        Assert.Equal(2, state.ReadingCount);
        Assert.Equal(new MetricStats(2, 2, -2, 4, 20, QuantileSketch.Of(-2, 4)), state.Metrics["temp"]);
        Assert.Equal("1-2", state.Absorbed.ByBoot[0].ToString());
    }

    [Fact]
    public void Absorb_WindowEmptiedByARebuild_StartsOverFromItsFirstReading()
    {
        var emptied = new RollupState("old-type", "old-site", 0, new Dictionary<string, MetricStats>(StringComparer.Ordinal), new AbsorbedReadings());

        var state = Absorb(emptied, At(1, 3));

        Assert.Equal(("thermostat", "site-a", 1L), (state.DeviceType, state.Site, state.ReadingCount));
        Assert.Equal(new MetricStats(1, 3, 3, 3, 9, QuantileSketch.Of(3)), state.Metrics["temp"]);
    }

    [Fact]
    public void Absorb_SameReadingsAgain_ReturnsNothingToWrite()
    {
        var stored = Absorb(null, At(9, 1), At(10, 2));

        var again = RollupMerge.Absorb(stored, Window(At(9, 1), At(10, 2)), WindowLimits.Default);

        Assert.Null(again.Next);
        Assert.Empty(again.Refused);
    }

    [Fact]
    public void Absorb_ProducerDuplicateAtAnotherPositionAndShard_CountsOnce()
    {
        var stored = Absorb(null, At(1, 1, position: 5));

        var again = RollupMerge.Absorb(stored, Window(At(1, 1, "shardId-000000000009", position: 77), At(1, 1, position: 6)), WindowLimits.Default);

        Assert.Null(again.Next);
    }

    [Fact]
    public void Absorb_OverlappingRedelivery_AddsOnlyNewReadings()
    {
        var stored = Absorb(null, At(1, 1), At(2, 2), At(3, 3));

        var merged = Absorb(stored, At(2, 2), At(3, 3), At(4, 4), At(10, 10));

        Assert.Equal(5, merged.ReadingCount);
        Assert.Equal(new MetricStats(5, 20, 1, 10, 130, QuantileSketch.Of(1, 2, 3, 4, 10)), merged.Metrics["temp"]);
        Assert.Equal("1-4,10", merged.Absorbed.ByBoot[0].ToString());
    }

    [Fact]
    public void Absorb_OutOfOrderAfterLaterSequence_StillCounts()
    {
        // A high-water mark would have dropped 5 after 100; identity keeps it.
        var stored = Absorb(null, At(100, 1, position: 1));

        var merged = Absorb(stored, At(5, 2, position: 2));

        Assert.Equal(2, merged.ReadingCount);
        Assert.Equal("5,100", merged.Absorbed.ByBoot[0].ToString());
    }

    [Fact]
    public void Absorb_SameSequenceInAnotherBoot_IsAnotherReading()
    {
        var stored = Absorb(null, At(1, 1, boot: 1_764_000_000_000));

        var merged = Absorb(stored, At(1, 2, boot: 1_764_000_999_000));

        Assert.Equal(2, merged.ReadingCount);
        Assert.Equal([1_764_000_000_000, 1_764_000_999_000], merged.Absorbed.ByBoot.Keys);
    }

    [Fact]
    public void Absorb_ReadingBringingTooManyMetricNames_RefusesItAndKeepsTheRest()
    {
        var limits = WindowLimits.Default with { MaxMetrics = 2 };
        var wide = new SequencedReading(Shard, SequenceNumber.Parse("3"), TestReadings.At("dev-1", Minute.AddSeconds(3), 3, ("a", 1), ("b", 1), ("c", 1)));

        var merge = RollupMerge.Absorb(null, Window(At(1, 1), wide, At(2, 2)), limits);

        Assert.Equal(2, merge.Next!.ReadingCount);
        var refused = Assert.Single(merge.Refused);
        Assert.Same(wide, refused.Reading);
        Assert.Equal(WindowLimits.MetricLimitReason, refused.Reason);
    }

    [Fact]
    public void Absorb_GapsPastTheIdentityLimit_RefusesTheReadingThatWouldCrossIt()
    {
        // "1,3,5" is 5 characters plus the boot's 1: the fourth isolated reading would need 8.
        var limits = WindowLimits.Default with { MaxAbsorbedLength = 7 };

        var merge = RollupMerge.Absorb(null, Window(At(1, 1), At(3, 1), At(5, 1), At(7, 1), At(2, 1)), limits);

        Assert.Equal("1-3,5", merge.Next!.Absorbed.ByBoot[0].ToString());
        var refused = Assert.Single(merge.Refused);
        Assert.Equal(7, refused.Reading.Reading.Sequence);
        Assert.Equal(WindowLimits.IdentityLimitReason, refused.Reason);
    }

    [Fact]
    public void Screen_ReadingTheHourCannotTake_IsRefusedFromItsMinuteToo()
    {
        var limits = WindowLimits.Default with { MaxMetrics = 1 };
        var hourKey = new WindowKey("dev-1", Resolution.Hour, Minute);
        var hour = new RollupState("thermostat", "site-a", 1, new Dictionary<string, MetricStats> { ["temp"] = MetricStats.Of(1) }, new AbsorbedReadings());
        var other = new SequencedReading(Shard, SequenceNumber.Parse("9"), TestReadings.At("dev-1", Minute.AddMinutes(5).AddSeconds(1), 9, ("humidity", 1)));
        var windows = BatchPlanner.GroupByWindow([other], AggregationOptions.Default);

        var screened = WindowScreen.Screen(windows, k => k == hourKey ? hour : null, limits);

        Assert.Empty(screened.Windows);
        Assert.Equal(WindowLimits.MetricLimitReason, Assert.Single(screened.Refused).Reason);
    }

    [Fact]
    public void GroupByWindow_UnsortedBatch_GroupsPerResolutionSortedBySequence()
    {
        var readings = new[] { At(30, 1, position: 30), At(7, 2, position: 7), At(61, 3, second: 61, position: 61) };

        var windows = BatchPlanner.GroupByWindow(readings, AggregationOptions.Default);

        var minutes = windows.Where(w => w.Key.Resolution == Resolution.Minute).ToList();
        var hour = Assert.Single(windows, w => w.Key.Resolution == Resolution.Hour);
        Assert.Equal([Minute, Minute.AddMinutes(1)], minutes.Select(w => w.Key.Start));
        Assert.Equal([new BigInteger(7), new BigInteger(30)], minutes[0].Readings.Select(r => r.Sequence.Value));
        Assert.Equal([new BigInteger(7), new BigInteger(30), new BigInteger(61)], hour.Readings.Select(r => r.Sequence.Value));
    }
}
