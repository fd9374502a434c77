using Telemetry.Contracts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Tests;

public class HourDerivationTests
{
    private static readonly DateTimeOffset Hour = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static RollupState Minute(string site, long boot, long firstSequence, params double[] temps)
    {
        var absorbed = new AbsorbedReadings();
        for (var i = 0; i < temps.Length; i++)
        {
            absorbed.Add(boot, firstSequence + i);
        }

        var stats = temps.Aggregate(MetricStats.Empty, (s, t) => s.Add(t));
        return new RollupState("thermostat", site, temps.Length, new Dictionary<string, MetricStats> { ["temp"] = stats }, absorbed);
    }

    [Fact]
    public void Derive_ThreeMinutesInAnyOrder_MergesTheirStatisticsAndIdentitiesAsOneWindow()
    {
        var minutes = new[]
        {
            (Hour.AddMinutes(2), Minute("site-c", 1, 5, 5, 6)),
            (Hour, Minute("site-a", 1, 1, 1, 2, 3)),
            (Hour.AddMinutes(1), Minute("site-b", 1, 4, 4)),
        };

        var hour = HourDerivation.Derive(minutes, WindowLimits.Default)!;
        var reversed = HourDerivation.Derive(minutes.Reverse(), WindowLimits.Default)!;

        Assert.Equal(6, hour.ReadingCount);
        Assert.Equal(new MetricStats(6, 21, 1, 6, 1 + 4 + 9 + 16 + 25 + 36, QuantileSketch.Of(1, 2, 3, 4, 5, 6)), hour.Metrics["temp"]);
        Assert.Equal("1-6", hour.Absorbed.ByBoot[1].ToString());
        Assert.Equal("site-a", hour.Site);
        Assert.True(RollupRecompute.Same(hour, reversed));
    }

    [Fact]
    public void Derive_OnlyEmptiedMinutes_ReturnsNull()
    {
        var empty = new RollupState("t", "s", 0, new Dictionary<string, MetricStats>(), new AbsorbedReadings());

        Assert.Null(HourDerivation.Derive([(Hour, empty)], WindowLimits.Default));
        Assert.Null(HourDerivation.Derive([], WindowLimits.Default));
    }

    [Fact]
    public void Derive_MoreMetricsThanAWindowMayHold_KeepsThoseWithTheMostValues()
    {
        var a = new RollupState("t", "s", 2, new Dictionary<string, MetricStats> { ["x"] = MetricStats.Of(1).Add(2), ["y"] = MetricStats.Of(1) }, new AbsorbedReadings());
        var b = new RollupState("t", "s", 1, new Dictionary<string, MetricStats> { ["z"] = MetricStats.Of(1) }, new AbsorbedReadings());

        var hour = HourDerivation.Derive([(Hour, a), (Hour.AddMinutes(1), b)], new WindowLimits(2, 1024))!;

        Assert.Equal(["x", "y"], hour.Metrics.Keys.Order());
    }

    [Fact]
    public void Derive_MinutesOfNoisyReadings_HoldsTheSketchOfAllTheHoursReadingsNotAnAverageOfPercentiles()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 3600).Select(i => 20 + (i / 600) + (random.NextDouble() * 3)).ToArray();
        var minutes = Enumerable.Range(0, 60).Select(m => (Hour.AddMinutes(m), Minute("site-a", 1, (m * 60) + 1, values[(m * 60)..((m + 1) * 60)])));

        var hour = HourDerivation.Derive(minutes, WindowLimits.Default)!;

        var direct = values.Aggregate(MetricStats.Empty, (s, v) => s.Add(v));
        Assert.Equal(direct.Quantiles, hour.Metrics["temp"].Quantiles);
        var exact95 = values.Order().ElementAt(3420 - 1); // ⌈0.95 × 3600⌉-th
        Assert.InRange(hour.Metrics["temp"].Percentile(0.95)!.Value, exact95 * 0.99, exact95 * 1.01);
    }

    [Fact]
    public void Derive_ManyMetricsEachSpanningManyDecades_FitsTheSketchBudgetSoAStoredHourComparesEqual()
    {
        var gamma = (1 + QuantileSketch.RelativeAccuracy) / (1 - QuantileSketch.RelativeAccuracy);
        var wide = Enumerable.Range(0, QuantileSketch.MaxBinsPerSign).Aggregate(MetricStats.Empty, (s, i) => s.Add(Math.Pow(gamma, i)));
        var metrics = Enumerable.Range(0, 200).ToDictionary(i => $"m{i}", _ => wide);
        var minute = new RollupState("probe", "site-a", 1, metrics, new AbsorbedReadings());

        var hour = HourDerivation.Derive([(Hour, minute), (Hour.AddMinutes(1), minute)], WindowLimits.Default)!;

        Assert.True(hour.Metrics.Values.Sum(m => QuantileSketchCodec.EncodedLength(m.Quantiles!)) <= QuantileBudget.DefaultBytes);
        Assert.Same(hour.Metrics, QuantileBudget.Fit(hour.Metrics));
        Assert.True(RollupRecompute.Same(hour, HourDerivation.Derive([(Hour, minute), (Hour.AddMinutes(1), minute)], WindowLimits.Default)!));
        Assert.All(hour.Metrics.Values, m => Assert.Equal(2 * QuantileSketch.MaxBinsPerSign, m.Quantiles!.Count));
    }
}
