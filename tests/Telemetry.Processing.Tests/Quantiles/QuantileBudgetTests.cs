using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Tests.Quantiles;

public class QuantileBudgetTests
{
    [Fact]
    public void Fit_FewMetrics_ReturnsThemUntouched()
    {
        var metrics = new Dictionary<string, MetricStats> { ["temp"] = StatsOf(20, 21, 22) };

        Assert.Same(metrics, QuantileBudget.Fit(metrics));
    }

    [Fact]
    public void Fit_ManyMetricsEachAtItsLargest_FoldsThemUnderTheBudget()
    {
        // Every bin of both signs in use: about 2 KB per sketch, 512 KB for 256 metrics.
        var gamma = (1 + QuantileSketch.RelativeAccuracy) / (1 - QuantileSketch.RelativeAccuracy);
        var widest = StatsOf([.. Enumerable.Range(0, QuantileSketch.MaxBinsPerSign).SelectMany(i => new[] { Math.Pow(gamma, i), -Math.Pow(gamma, i) })]);
        var metrics = Enumerable.Range(0, 256).ToDictionary(i => $"m{i}", _ => widest);

        var fitted = QuantileBudget.Fit(metrics);

        Assert.True(fitted.Values.Sum(m => QuantileSketchCodec.EncodedLength(m.Quantiles!)) <= QuantileBudget.DefaultBytes);
        Assert.All(fitted.Values, m => Assert.Equal(widest.Count, m.Quantiles!.Count));
        Assert.InRange(fitted["m0"].Percentile(1)!.Value, widest.Max * 0.99, widest.Max);
    }

    [Fact]
    public void Fit_BudgetTooSmallForAnySketch_FoldsToOneBinPerSignAndKeepsTheCounts()
    {
        var metrics = new Dictionary<string, MetricStats> { ["a"] = StatsOf(1, 10, 100, -5), ["b"] = StatsOf(0.5, 5e5) };

        var fitted = QuantileBudget.Fit(metrics, maxBytes: 1);

        Assert.All(fitted.Values, m => Assert.True(m.Quantiles!.Positive.Length <= 1 && m.Quantiles.Negative.Length <= 1));
        Assert.All(fitted.Values, m => Assert.True(QuantileSketchCodec.EncodedLength(m.Quantiles!) <= 43));
        Assert.Equal(4, fitted["a"].Quantiles!.Count);
    }

    private static MetricStats StatsOf(params double[] values) => values.Aggregate(MetricStats.Empty, (s, v) => s.Add(v));
}
