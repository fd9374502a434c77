namespace Telemetry.Processing.Quantiles;

/// <summary>
/// The distribution of a metric's values as a DDSketch (Masson, Rim and Lee, VLDB 2019): each value is counted in
/// the bin of its magnitude on a logarithmic scale, so any quantile is answered within <see cref="RelativeAccuracy"/>
/// of the true value. Bins are integers and depend on the value alone, so merging is exact, associative and
/// commutative: an hour merged from its minutes is the sketch of the hour's readings, bit for bit. Immutable.
/// </summary>
/// <remarks>
/// Two bounds keep it small whatever arrives: magnitudes below <see cref="MinMagnitude"/> count as zero, and each
/// sign keeps at most <see cref="MaxBinsPerSign"/> bins (a dynamic range of about 1 : 5·10^8), folding the bins of
/// the smallest magnitudes together past that. Folding depends only on the largest bin, so it too merges exactly; it
/// gives up accuracy only for the quantiles among the folded magnitudes. See docs/percentiles.md.
/// </remarks>
public sealed class QuantileSketch : IEquatable<QuantileSketch>
{
    /// <summary>The guaranteed relative error of a quantile: 1 %.</summary>
    public const double RelativeAccuracy = 0.01;

    /// <summary>Magnitudes below this are counted as zero: a sensor reading that small is noise around zero.</summary>
    public const double MinMagnitude = 1e-9;

    /// <summary>The most bins one sign keeps before folding its smallest magnitudes together.</summary>
    public const int MaxBinsPerSign = 1024;

    internal static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    internal static readonly double LogGamma = Math.Log(Gamma);

    internal QuantileSketch(long zeroCount, SketchBins positive, SketchBins negative)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(zeroCount);
        ZeroCount = zeroCount;
        Positive = positive;
        Negative = negative;
        Count = zeroCount + positive.Total + negative.Total;
    }

    /// <summary>No values; the identity of <see cref="Merge"/>.</summary>
    public static QuantileSketch Empty { get; } = new(0, SketchBins.Empty, SketchBins.Empty);

    /// <summary>Values counted.</summary>
    public long Count { get; }

    /// <summary>Values counted as zero.</summary>
    public long ZeroCount { get; }

    /// <summary>Bins of the positive values.</summary>
    public SketchBins Positive { get; }

    /// <summary>Bins of the negative values, by magnitude.</summary>
    public SketchBins Negative { get; }

    /// <summary>The sketch of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite.</exception>
    public static QuantileSketch Of(params ReadOnlySpan<double> values)
    {
        var builder = new QuantileSketchBuilder();
        foreach (var value in values)
        {
            builder.Add(value);
        }

        return builder.Build();
    }

    /// <summary>Both sketches' values together.</summary>
    public QuantileSketch Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var builder = new QuantileSketchBuilder();
        builder.Add(this);
        builder.Add(other);
        return builder.Build();
    }

    /// <summary>
    /// This sketch with at most <paramref name="maxBinsPerSign"/> bins per sign, the smallest magnitudes folded
    /// together: smaller, and still within the error bound for every quantile above the folded ones.
    /// </summary>
    public QuantileSketch Collapse(int maxBinsPerSign)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBinsPerSign, 1);
        if (Positive.Length <= maxBinsPerSign && Negative.Length <= maxBinsPerSign)
        {
            return this;
        }

        var builder = new QuantileSketchBuilder(maxBinsPerSign);
        builder.Add(this);
        return builder.Build();
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0 ≤ q ≤ 1): within <see cref="RelativeAccuracy"/> of the nearest-rank
    /// value, the smallest that at least a fraction q of the n values do not exceed (the ⌈q·n⌉-th in ascending order,
    /// the first for q = 0). <see cref="double.NaN"/> when empty.
    /// </summary>
    /// <remarks>
    /// Nearest rank rather than ⌊q·(n−1)⌋: with few values the latter gives a p95 below the mean (of 20 and 22 it is
    /// 20), which no one reading a chart expects.
    /// </remarks>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies between 0 and 1.");
        }

        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = NearestRank(q, Count);
        long seen = 0;
        // Ascending values: negatives from the largest magnitude down, then zero, then positives from the smallest up.
        for (var i = Negative.Length - 1; i >= 0; i--)
        {
            seen += Negative[i];
            if (seen > rank)
            {
                return -Value(Negative.Offset + i);
            }
        }

        seen += ZeroCount;
        if (seen > rank)
        {
            return 0;
        }

        for (var i = 0; i < Positive.Length; i++)
        {
            seen += Positive[i];
            if (seen > rank)
            {
                return Value(Positive.Offset + i);
            }
        }

        throw new System.Diagnostics.UnreachableException("The bins hold fewer values than the sketch counts.");
    }

    /// <summary>
    /// The 0-based position of the nearest-rank value: ⌈q·n⌉ − 1, at least 0. The product is shrunk by a relative 1e-12
    /// first, so that 0.95 × 20 is 19, not the 19.000000000000004 binary arithmetic gives.
    /// </summary>
    public static long NearestRank(double q, long count) =>
        Math.Max(0, (long)Math.Ceiling(q * count * (1 - 1e-12)) - 1);

    /// <summary>The lowest bin a value can have: that of <see cref="MinMagnitude"/>.</summary>
    internal static int MinIndex { get; } = Index(MinMagnitude);

    /// <summary>The highest bin a value can have: that of <see cref="double.MaxValue"/>.</summary>
    internal static int MaxIndex { get; } = Index(double.MaxValue);

    /// <summary>The bin of a magnitude at or above <see cref="MinMagnitude"/>.</summary>
    internal static int Index(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / LogGamma);

    // The point of (γ^(i−1), γ^i] whose relative distance to either end is (γ−1)/(γ+1), the relative accuracy.
    // Multiplied last, so that the largest bins (near double.MaxValue) do not overflow to infinity on the way.
    private static double Value(int index) => Math.Exp(index * LogGamma) * (2 / (Gamma + 1));

    public bool Equals(QuantileSketch? other) =>
        other is not null && ZeroCount == other.ZeroCount && Positive.Equals(other.Positive) && Negative.Equals(other.Negative);

    public override bool Equals(object? obj) => Equals(obj as QuantileSketch);

    public override int GetHashCode() => HashCode.Combine(ZeroCount, Positive, Negative);
}
