using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Tests.Quantiles;

public class QuantileSketchTests
{
    [Fact]
    public void Quantile_Empty_IsNaN() => Assert.True(double.IsNaN(QuantileSketch.Empty.Quantile(0.5)));

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_OutsideZeroToOne_Throws(double q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantileSketch.Of(1, 2, 3).Quantile(q));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Of_NotFinite_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantileSketch.Of(1, value));

    [Theory]
    [InlineData(0.95, 20, 18)]
    [InlineData(0.5, 20, 9)]
    [InlineData(0.99, 16, 15)]
    [InlineData(0, 5, 0)]
    [InlineData(1, 5, 4)]
    [InlineData(0.95, 2, 1)]
    public void NearestRank_ProductsOnAndBetweenIntegers_IsTheCeilingLessOne(double q, long count, long expected) =>
        Assert.Equal(expected, QuantileSketch.NearestRank(q, count));

    [Fact]
    public void Quantile_TwoValues_P95IsTheLargerNotBelowTheMean() =>
        Assert.InRange(QuantileSketch.Of(20, 22).Quantile(0.95), 22 * 0.99, 22 * 1.01);

    [Fact]
    public void Quantile_TinyMagnitudes_CountAsZero()
    {
        var sketch = QuantileSketch.Of(1e-12, -1e-12, 0);

        Assert.Equal(3, sketch.ZeroCount);
        Assert.Equal(0, sketch.Quantile(0.5));
    }

    [Fact]
    public void Add_RangeWiderThanTheBins_FoldsTheSmallestMagnitudesAndKeepsTheLargestExact()
    {
        var sketch = QuantileSketch.Of(1e-8, 1e-6, 1, 1e300, 5e300);

        Assert.Equal(QuantileSketch.MaxBinsPerSign, sketch.Positive.Length);
        Assert.Equal(5, sketch.Count);
        Assert.InRange(sketch.Quantile(1), 5e300 * 0.99, 5e300 * 1.01);
    }

    [Fact]
    public void Quantile_NegativeAndPositive_InAscendingOrder()
    {
        var sketch = QuantileSketch.Of(-100, -10, 0, 10, 100);

        Assert.InRange(sketch.Quantile(0), -101, -99);
        Assert.InRange(sketch.Quantile(0.25), -10.1, -9.9);
        Assert.Equal(0, sketch.Quantile(0.5));
        Assert.InRange(sketch.Quantile(0.75), 9.9, 10.1);
        Assert.InRange(sketch.Quantile(1), 99, 101);
    }

    [Fact]
    public void Quantile_LargestFiniteValues_StaysFiniteAndWithinOnePercent()
    {
        var estimate = QuantileSketch.Of(1.7e308, -1.7e308).Quantile(1);

        Assert.InRange(estimate, 1.7e308 * 0.99, double.MaxValue);
    }

    [Fact]
    public void Encode_NoisyMinuteOfTemperatures_TakesAFewDozenBytes()
    {
        var random = new Random(7);
        var sketch = QuantileSketch.Of([.. Enumerable.Range(0, 60).Select(_ => 21 + (random.NextDouble() * 2))]);

        Assert.InRange(QuantileSketchCodec.EncodedLength(sketch), 5, 20);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 1 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 9 })]
    [InlineData(new byte[] { 1, 0, 0x81, 0x10, 0, 1 })]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0, 0 })]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 1, 0x8F, 0x4E, 1, 0 })]
    [InlineData(new byte[] { 1, 0, 1, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 1, 0 })]
    public void Decode_Garbage_ThrowsInvalidData(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => QuantileSketchCodec.Decode(bytes));
}
