using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Tests.Quantiles;

public class QuantileSketchPropertyTests
{
    private static readonly double[] Quantiles = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

    // Magnitudes from 1e-3 to 1e5 of either sign, with zeros and repeats: eight decades fit in the bins of one sign
    // without folding, so the guarantee holds for every quantile.
    private static readonly Gen<double> Unfolded =
        Gen.Frequency(
            (10, Gen.Choose(0, 1_000_000).Zip(Gen.Elements(1.0, -1.0), (u, sign) => sign * Math.Pow(10, -3 + (8 * u / 1_000_000.0)))),
            (1, Gen.Constant(0.0)),
            (1, Gen.Elements(21.5, -3.25)));

    private static readonly Arbitrary<double[]> UnfoldedValues = Gen.ArrayOf(Unfolded).Where(v => v.Length > 0).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Quantile_AnyValues_WithinOnePercentOfTheExactValueOfItsRank() =>
        Prop.ForAll(UnfoldedValues, values =>
        {
            var sketch = QuantileSketch.Of(values);
            var sorted = values.Order().ToArray();

            foreach (var q in Quantiles)
            {
                var exact = sorted[QuantileSketch.NearestRank(q, sorted.Length)];
                var estimate = sketch.Quantile(q);
                Assert.True(
                    Math.Abs(estimate - exact) <= QuantileSketch.RelativeAccuracy * Math.Abs(exact) * (1 + 1e-9),
                    $"q={q}: exact {exact:R}, estimate {estimate:R} of {values.Length} values");
            }
        });

    [Property(MaxTest = 300)]
    public Property Merge_OfParts_IsTheSketchOfAllValuesBitForBit() =>
        // The wide generator spans fourteen decades, so folding happens too: it must not depend on the grouping.
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var (a, b, c) = (QuantileSketch.Of(lists.A), QuantileSketch.Of(lists.B), QuantileSketch.Of(lists.C));
            var all = QuantileSketch.Of([.. lists.A, .. lists.B, .. lists.C]);

            Assert.Equal(all, a.Merge(b).Merge(c));
            Assert.Equal(all, c.Merge(a.Merge(b)));
            Assert.Equal(all, b.Merge(c).Merge(a));
            Assert.Equal(lists.A.Length + lists.B.Length + lists.C.Length, all.Count);
        });

    [Property(MaxTest = 300)]
    public Property Decode_OfEncode_GivesTheSameSketch() =>
        Prop.ForAll(Generators.ThreeValueLists, lists =>
        {
            var sketch = QuantileSketch.Of([.. lists.A, .. lists.B]);

            var bytes = QuantileSketchCodec.Encode(sketch);

            Assert.Equal(sketch, QuantileSketchCodec.Decode(bytes));
            Assert.Equal(bytes.Length, QuantileSketchCodec.EncodedLength(sketch));
        });

    [Property(MaxTest = 200)]
    public Property Collapse_AnyValues_KeepsTheUpperQuantilesWithinOnePercent() =>
        Prop.ForAll(UnfoldedValues, values =>
        {
            var sketch = QuantileSketch.Of(values.Select(Math.Abs).ToArray()).Collapse(64);
            var sorted = values.Select(Math.Abs).Order().ToArray();

            Assert.True(sketch.Positive.Length <= 64);
            var exact = sorted[^1];
            Assert.True(Math.Abs(sketch.Quantile(1) - exact) <= QuantileSketch.RelativeAccuracy * exact * (1 + 1e-9));
        });
}
