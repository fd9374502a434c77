using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Tumbling;

public class PartialCombineTests
{
    private static RollupState State(long count, double sum, string metric, params (long Boot, string Ranges)[] ids) => new(
        "thermostat",
        "plant-a",
        count,
        new Dictionary<string, MetricStats>(StringComparer.Ordinal) { [metric] = new(count, sum, 1, sum, sum * sum) },
        AbsorbedReadings.From(ids.Select(i => new KeyValuePair<long, SequenceRanges>(i.Boot, SequenceRanges.Parse(i.Ranges)))));

    [Fact]
    public void Combine_NothingStored_WritesThePartial()
    {
        var partial = State(3, 6, "temp", (1, "1-3"));

        Assert.Same(partial, PartialCombine.Combine(null, partial, WindowLimits.Default).Next);
    }

    [Fact]
    public void Combine_Disjoint_MergesStatisticsAndIdentities()
    {
        var next = PartialCombine.Combine(State(3, 6, "temp", (1, "1-3")), State(2, 9, "temp", (1, "4-5"), (2, "1")), WindowLimits.Default).Next!;

        Assert.Equal(5, next.ReadingCount);
        Assert.Equal(15, next.Metrics["temp"].Sum);
        Assert.Equal(9, next.Metrics["temp"].Max);
        Assert.Equal("1-5", next.Absorbed.ByBoot[1].ToString());
        Assert.Equal("1", next.Absorbed.ByBoot[2].ToString());
    }

    [Fact]
    public void Combine_AllAlreadyStored_WritesNothing()
    {
        var combination = PartialCombine.Combine(State(5, 15, "temp", (1, "1-5")), State(2, 9, "temp", (1, "2-3")), WindowLimits.Default);

        Assert.Null(combination.Next);
        Assert.False(combination.IsNeedsReadings);
    }

    [Fact]
    public void Combine_SomeAlreadyStored_NeedsTheReadings()
    {
        var combination = PartialCombine.Combine(State(3, 6, "temp", (1, "1-3")), State(2, 9, "temp", (1, "3-4")), WindowLimits.Default);

        Assert.True(combination.IsNeedsReadings);
        Assert.Null(combination.Next);
    }

    [Fact]
    public void Combine_TogetherPastTheMetricLimit_NeedsTheReadings()
    {
        var combination = PartialCombine.Combine(State(3, 6, "temp", (1, "1-3")), State(2, 9, "rh", (1, "4-5")), new WindowLimits(1, 1024));

        Assert.True(combination.IsNeedsReadings);
    }

    [Fact]
    public void Combine_WindowEmptiedByARebuild_TakesThePartialsTypeAndSite()
    {
        var emptied = new RollupState("old", "old", 0, new Dictionary<string, MetricStats>(), new AbsorbedReadings());

        var next = PartialCombine.Combine(emptied, State(2, 9, "temp", (1, "4-5")), WindowLimits.Default).Next!;

        Assert.Equal(("thermostat", "plant-a", 2L), (next.DeviceType, next.Site, next.ReadingCount));
    }
}
