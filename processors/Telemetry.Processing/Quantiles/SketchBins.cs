namespace Telemetry.Processing.Quantiles;

/// <summary>
/// The counts of one sign of a <see cref="QuantileSketch"/>: bin <c>i</c> holds the values whose magnitude lies in
/// (γ^(i−1), γ^i]. Contiguous from <see cref="Offset"/>; immutable.
/// </summary>
public sealed class SketchBins : IEquatable<SketchBins>
{
    private readonly long[] counts;

    internal SketchBins(int offset, long[] counts)
    {
        Offset = offset;
        this.counts = counts;
        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(counts));
            Total = checked(Total + count);
        }
    }

    public static SketchBins Empty { get; } = new(0, []);

    /// <summary>The index of the first bin.</summary>
    public int Offset { get; }

    /// <summary>How many bins, from <see cref="Offset"/> on.</summary>
    public int Length => counts.Length;

    /// <summary>Values counted in all bins.</summary>
    public long Total { get; }

    /// <summary>The count of the bin at <see cref="Offset"/> + <paramref name="position"/>.</summary>
    public long this[int position] => counts[position];

    public bool Equals(SketchBins? other) =>
        other is not null && Total == other.Total && (Length == 0 || Offset == other.Offset) && counts.AsSpan().SequenceEqual(other.counts);

    public override bool Equals(object? obj) => Equals(obj as SketchBins);

    public override int GetHashCode() => HashCode.Combine(Length == 0 ? 0 : Offset, Length, Total);
}
