namespace Telemetry.Processing;

/// <summary>
/// Mergeable statistics of one metric: count, sum, min, max and sum of squares. Mean and standard deviation are
/// derived from these, so partial results combine exactly — never an average of averages.
/// </summary>
/// <param name="Count">Number of values absorbed.</param>
/// <param name="Sum">Sum of the values.</param>
/// <param name="Min">Smallest value; <see cref="double.PositiveInfinity"/> when <paramref name="Count"/> is 0.</param>
/// <param name="Max">Largest value; <see cref="double.NegativeInfinity"/> when <paramref name="Count"/> is 0.</param>
/// <param name="SumOfSquares">Sum of the squared values.</param>
public readonly record struct MetricStats(long Count, double Sum, double Min, double Max, double SumOfSquares)
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

        return new MetricStats(1, value, value, value, value * value);
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
            SumOfSquares + other.SumOfSquares);
    }

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
