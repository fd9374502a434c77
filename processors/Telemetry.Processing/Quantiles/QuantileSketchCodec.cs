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
        ArgumentNullException.ThrowIfNull(sketch);
        var buffer = new List<byte>(16 + sketch.Positive.Length + sketch.Negative.Length) { Format };
        WriteVarint(buffer, (ulong)sketch.ZeroCount);
        WriteBins(buffer, sketch.Positive);
        WriteBins(buffer, sketch.Negative);
        return [.. buffer];
    }

    /// <summary>The length <see cref="Encode"/> would give, without encoding.</summary>
    public static int EncodedLength(QuantileSketch sketch)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        return 1 + VarintLength((ulong)sketch.ZeroCount) + BinsLength(sketch.Positive) + BinsLength(sketch.Negative);
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

    private static void WriteBins(List<byte> buffer, SketchBins bins)
    {
        WriteVarint(buffer, (ulong)bins.Length);
        if (bins.Length == 0)
        {
            return;
        }

        WriteVarint(buffer, ZigZag(bins.Offset));
        for (var i = 0; i < bins.Length; i++)
        {
            WriteVarint(buffer, (ulong)bins[i]);
        }
    }

    private static int BinsLength(SketchBins bins)
    {
        var length = VarintLength((ulong)bins.Length);
        if (bins.Length > 0)
        {
            length += VarintLength(ZigZag(bins.Offset));
            for (var i = 0; i < bins.Length; i++)
            {
                length += VarintLength((ulong)bins[i]);
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

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException("A quantile sketch cut short.");
            }

            var b = bytes[position++];
            if (shift == 63 && b > 1)
            {
                throw new InvalidDataException("A quantile sketch with a number longer than 64 bits.");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A quantile sketch with a number longer than 64 bits.");
    }
}
