using Telemetry.Contracts;

namespace Telemetry.Processing.Quantiles;

/// <summary>
/// A <see cref="QuantileSketch"/> as bytes, for the rollup item and the tumbling-window state alike: a format byte
/// (which names the 1 % logarithmic mapping), the zero count, then per sign (positive, negative) the number of bins,
/// the first bin's index and each count. All integers are LEB128 varints, the index zigzagged; a noisy minute takes
/// a few dozen bytes.
/// </summary>
public static class QuantileSketchCodec
{
    private const byte Format = 1;

    public static byte[] Encode(QuantileSketch sketch)
    {
        var bytes = new byte[EncodedLength(sketch)];
        bytes[0] = Format;
        var at = 1 + Varint.Write(bytes.AsSpan(1), (ulong)sketch.ZeroCount);
        at += WriteBins(bytes.AsSpan(at), sketch.Positive);
        WriteBins(bytes.AsSpan(at), sketch.Negative);
        return bytes;
    }

    /// <summary>The length <see cref="Encode"/> would give, without encoding.</summary>
    public static int EncodedLength(QuantileSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        return 1 + Varint.Size((ulong)sketch.ZeroCount) + BinsLength(sketch.Positive) + BinsLength(sketch.Negative);
    }

    /// <exception cref="InvalidDataException">The bytes are not a sketch this codec wrote.</exception>
    public static QuantileSketch Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Format)
        {
            throw new InvalidDataException(bytes.Length == 0 ? "An empty quantile sketch." : $"A quantile sketch of format {bytes[0]}; this version reads format {Format}.");
        }

        try
        {
            var position = 1;
            var zero = checked((long)ReadVarint(bytes, ref position));
            var positive = ReadBins(bytes, ref position);
            var negative = ReadBins(bytes, ref position);
            if (position != bytes.Length)
            {
                throw new InvalidDataException($"A quantile sketch with {bytes.Length - position} bytes after its end.");
            }

            return new QuantileSketch(zero, positive, negative);
        }
        catch (OverflowException ex)
        {
            throw new InvalidDataException("A quantile sketch with a count past 2^63.", ex);
        }
    }

    private static int WriteBins(Span<byte> destination, SketchBins bins)
    {
        var at = Varint.Write(destination, (ulong)bins.Length);
        if (bins.Length == 0)
        {
            return at;
        }

        at += Varint.Write(destination[at..], ZigZag(bins.Offset));
        for (var i = 0; i < bins.Length; i++)
        {
            at += Varint.Write(destination[at..], (ulong)bins[i]);
        }

        return at;
    }

    private static int BinsLength(SketchBins bins)
    {
        var length = Varint.Size((ulong)bins.Length);
        if (bins.Length > 0)
        {
            length += Varint.Size(ZigZag(bins.Offset));
            for (var i = 0; i < bins.Length; i++)
            {
                length += Varint.Size((ulong)bins[i]);
            }
        }

        return length;
    }

    private static SketchBins ReadBins(ReadOnlySpan<byte> bytes, ref int position)
    {
        var length = ReadVarint(bytes, ref position);
        if (length == 0)
        {
            return SketchBins.Empty;
        }

        if (length > QuantileSketch.MaxBinsPerSign)
        {
            throw new InvalidDataException($"A quantile sketch with {length} bins of one sign; at most {QuantileSketch.MaxBinsPerSign} are kept.");
        }

        var zigzag = ReadVarint(bytes, ref position);
        var offset = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        var counts = new long[length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = checked((long)ReadVarint(bytes, ref position));
        }

        // Only bins a finite value can fall in: others would overflow the arithmetic of a later merge.
        return offset < QuantileSketch.MinIndex || offset + (long)length - 1 > QuantileSketch.MaxIndex
            ? throw new InvalidDataException($"A quantile sketch's bins {offset} to {offset + (long)length - 1} lie outside {QuantileSketch.MinIndex} to {QuantileSketch.MaxIndex}.")
            : new SketchBins((int)offset, counts);
    }

    private static ulong ZigZag(int value) => (ulong)(uint)((value << 1) ^ (value >> 31));

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        var start = position;
        return Varint.TryRead(bytes, ref position, out var value) ? value
            // Fewer than ten bytes left can only have run out; ten that do not end a number run past 64 bits.
            : throw new InvalidDataException(bytes.Length - start < Varint.MaxBytes
                ? "A quantile sketch cut short."
                : "A quantile sketch with a number longer than 64 bits.");
    }
}
