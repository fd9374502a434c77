using Telemetry.Processing.Quantiles;
namespace Telemetry.Processing.Tests;

public class MetricStatsTests
{
    [Fact]
    public void Empty_Always_HasZeroCountAndInfiniteBounds()
    {
        var empty = MetricStats.Empty;

        Assert.Equal(0, empty.Count);
        Assert.Equal(0, empty.Sum);
        Assert.Equal(0, empty.SumOfSquares);
        Assert.Equal(double.PositiveInfinity, empty.Min);
        Assert.Equal(double.NegativeInfinity, empty.Max);
        Assert.True(double.IsNaN(empty.Mean));
        Assert.True(double.IsNaN(empty.StandardDeviation));
    }

    [Fact]
    public void Of_Value_HoldsOneValue()
    {
        var stats = MetricStats.Of(-3);

        Assert.Equal(new MetricStats(1, -3, -3, -3, 9, QuantileSketch.Of(-3)), stats);
    }

    [Fact]
    public void Add_SeveralValues_TracksCountSumMinMaxAndSquares()
    {
        var stats = MetricStats.Empty.Add(2).Add(4).Add(4).Add(4).Add(5).Add(5).Add(7).Add(9);

        Assert.Equal(new MetricStats(8, 40, 2, 9, 232, QuantileSketch.Of(2, 4, 4, 4, 5, 5, 7, 9)), stats);
        Assert.Equal(5, stats.Mean);
        Assert.Equal(2, stats.StandardDeviation, 12);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Add_NonFiniteValue_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricStats.Of(1).Add(value));
    }

    [Fact]
    public void Merge_TwoPartials_EqualsAddingAllValues()
    {
        var left = MetricStats.Of(1).Add(10);
        var right = MetricStats.Of(-2).Add(3).Add(4);

        var merged = left.Merge(right);

        Assert.Equal(MetricStats.Of(1).Add(10).Add(-2).Add(3).Add(4), merged);
        Assert.Equal(16.0 / 5, merged.Mean, 12);
    }

    [Fact]
    public void Merge_WithEmpty_ReturnsTheOtherUnchanged()
    {
        var stats = MetricStats.Of(-0.0).Add(7.25);

        Assert.Equal(stats, stats.Merge(MetricStats.Empty));
        Assert.Equal(stats, MetricStats.Empty.Merge(stats));
        Assert.Equal(MetricStats.Empty, MetricStats.Empty.Merge(MetricStats.Empty));
    }

    [Fact]
    public void Mean_OfMergedPartials_IsNotTheAverageOfAverages()
    {
        var oneReading = MetricStats.Of(10);
        var threeReadings = MetricStats.Of(0).Add(0).Add(0);

        var merged = oneReading.Merge(threeReadings);

        Assert.Equal(2.5, merged.Mean);
    }

    [Fact]
    public void StandardDeviation_ConstantValuesWithRoundingNoise_ClampedToZero()
    {
        // 100000.1 is inexact in binary; E[x²] − E[x]² comes out below zero here, and Sqrt of that is NaN.
        var stats = MetricStats.Of(100000.1).Add(100000.1).Add(100000.1);
        var rawVariance = (stats.SumOfSquares / stats.Count) - (stats.Mean * stats.Mean);

        var deviation = stats.StandardDeviation;

        Assert.True(rawVariance < 0, $"precondition: raw variance {rawVariance} should be negative");
        Assert.Equal(0, deviation);
    }

    [Fact]
    public void StandardDeviation_SingleValue_IsZero()
    {
        Assert.Equal(0, MetricStats.Of(42.5).StandardDeviation);
    }

    [Fact]
    public void Percentile_ValuesWithSketch_WithinOnePercentAndNeverOutsideMinAndMax()
    {
        var stats = Enumerable.Range(1, 100).Aggregate(MetricStats.Empty, (s, v) => s.Add(v));

        Assert.InRange(stats.Percentile(0.5)!.Value, 50 * 0.99, 50 * 1.01);
        Assert.InRange(stats.Percentile(0.95)!.Value, 95 * 0.99, 95 * 1.01);
        Assert.Equal(100, stats.Percentile(1));
        Assert.Equal(1, stats.Percentile(0));
    }

    [Fact]
    public void Percentile_StoredWithoutSketch_IsNull() =>
        Assert.Null(new MetricStats(3, 6, 1, 3, 14).Percentile(0.5));

    [Fact]
    public void Percentile_MergedWithStatsStoredWithoutSketch_IsNullNotAGuessFromPartOfTheValues()
    {
        var merged = new MetricStats(3, 6, 1, 3, 14).Merge(MetricStats.Of(10));

        Assert.Equal(1, merged.Quantiles!.Count);
        Assert.Null(merged.Percentile(0.5));
    }

    [Fact]
    public void Percentile_Empty_IsNull() => Assert.Null(MetricStats.Empty.Percentile(0.5));
}
