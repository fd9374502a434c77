using FsCheck;
using FsCheck.Fluent;

namespace Telemetry.Processing.Tests;

/// <summary>FsCheck generators for metric values.</summary>
internal static class Generators
{
    /// <summary>Values across nine orders of magnitude, so that regrouped float sums really do differ.</summary>
    public static Gen<double> MetricValue { get; } =
        Gen.Choose(-1_000_000, 1_000_000).Zip(Gen.Choose(-4, 4), (mantissa, exponent) => mantissa * Math.Pow(10, exponent));

    /// <summary>Three lists of metric values.</summary>
    public static Arbitrary<(double[] A, double[] B, double[] C)> ThreeValueLists { get; } =
        Gen.ArrayOf(MetricValue).Three().ToArbitrary();
}
