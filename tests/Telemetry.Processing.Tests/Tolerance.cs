namespace Telemetry.Processing.Tests;

/// <summary>
/// Floating-point addition is not associative, so sums accumulated in a different grouping or order may differ in
/// the last bits. The rounding error of any summation order is bounded by about n·ε·Σ|xᵢ| (ε ≈ 2.2e-16), so sums
/// are compared within a relative tolerance of that scale — not of the sum itself, which may cancel to near zero.
/// </summary>
internal static class Tolerance
{
    private const double Relative = 1e-12;

    public static void AssertClose(double expected, double actual, double scale, string what)
    {
        var allowed = Relative * Math.Max(scale, double.Epsilon);
        Assert.True(
            Math.Abs(expected - actual) <= allowed,
            $"{what}: expected {expected:R}, got {actual:R}, allowed difference {allowed:R}");
    }
}
