using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing;

/// <summary>
/// Mergeable statistics of one metric: count, sum, min, max, sum of squares and a quantile sketch. Mean, standard
/// deviation and percentiles are derived from these, so partial results combine exactly — never an average of
/// averages, nor of percentiles.
/// </summary>
/// <param name="Count">Number of values absorbed.</param>
/// <param name="Sum">Sum of the values.</param>
/// <param name="Min">Smallest value; <see cref="double.PositiveInfinity"/> when <paramref name="Count"/> is 0.</param>
/// <param name="Max">Largest value; <see cref="double.NegativeInfinity"/> when <paramref name="Count"/> is 0.</param>
/// <param name="SumOfSquares">Sum of the squared values.</param>
/// <param name="Quantiles">
/// The values' distribution; <see langword="null"/> for statistics stored before windows kept one. Percentiles are
/// given only while it counts every value (<see cref="Percentile"/>).
/// </param>
public readonly record struct MetricStats(long Count, double Sum, double Min, double Max, double SumOfSquares, QuantileSketch? Quantiles = null)
{
    /// <summary>
    /// No values: count, sum and sum of squares 0, <see cref="Min"/> = +∞ and <see cref="Max"/> = −∞, so that it is
    /// the identity of <see cref="Merge"/>. Do not store these infinities; check <see cref="Count"/> first.
    /// </summary>
    public static MetricStats Empty { get; } = new(0, 0, double.PositiveInfinity, double.NegativeInfinity, 0);

    /// <summary>Statistics of a single finite value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static MetricStats Of(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Metric values must be finite.");
        }

        return new MetricStats(1, value, value, value, value * value, QuantileSketch.Of(value));
    }

    /// <summary>These statistics with one more finite value.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public MetricStats Add(double value) => Merge(Of(value));

    /// <summary>
    /// Combines two sets of statistics. Associative and commutative, with <see cref="Empty"/> as identity; the sums
    /// are floating-point, so regrouping can change them in the last bits.
    /// </summary>
    public MetricStats Merge(MetricStats other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        return new MetricStats(
            Count + other.Count,
            Sum + other.Sum,
            Math.Min(Min, other.Min),
            Math.Max(Max, other.Max),
            SumOfSquares + other.SumOfSquares,
            Quantiles is null && other.Quantiles is null ? null : (Quantiles ?? QuantileSketch.Empty).Merge(other.Quantiles ?? QuantileSketch.Empty));
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0.95 for p95), within 1 % of the true one and never outside
    /// [<see cref="Min"/>, <see cref="Max"/>]; <see langword="null"/> when there are no values or the sketch does not
    /// count them all (statistics merged with some stored before windows kept sketches).
    /// </summary>
    public double? Percentile(double q) =>
        Count > 0 && Quantiles is { } sketch && sketch.Count == Count ? Math.Clamp(sketch.Quantile(q), Min, Max) : null;

    /// <summary>Arithmetic mean; <see cref="double.NaN"/> when <see cref="Count"/> is 0.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>
    /// Population standard deviation, from E[x²] − E[x]²; rounding can make that difference slightly negative for
    /// near-constant values, so it is clamped at 0. <see cref="double.NaN"/> when <see cref="Count"/> is 0.
    /// </summary>
    public double StandardDeviation
    {
        get
        {
            if (Count == 0)
            {
                return double.NaN;
            }

            var mean = Sum / Count;
            return Math.Sqrt(Math.Max(0, (SumOfSquares / Count) - (mean * mean)));
        }
    }
}
