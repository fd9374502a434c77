namespace Telemetry.Contracts;

/// <summary>
/// LEB128 varints, seven bits a byte, low bits first: the integers of the KPL aggregate (protobuf) and of the stored
/// quantile sketches.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a 64-bit value takes.</summary>
    public const int MaxBytes = 10;

    public static int Size(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <returns>The bytes written.</returns>
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>
    /// Reads one at <paramref name="position"/> and moves past it. False when the bytes end first, or when it runs past
    /// 64 bits: ten bytes at most, and the tenth holds the 64th bit alone, so anything more there overflows.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < source.Length; shift += 7)
        {
            var b = source[position++];
            if (shift == 63 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
