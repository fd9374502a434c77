using System.Text;

namespace Telemetry.Contracts.Kpl;

// The few pieces of the protobuf wire format the aggregated record uses: varints and length-delimited fields.
internal static class ProtoWire
{
    public const int VarintType = 0;
    public const int Fixed64Type = 1;
    public const int LengthDelimitedType = 2;
    public const int Fixed32Type = 5;

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    // A field of type string, bytes or message whose payload is length bytes long, tag included.
    public static int LengthDelimitedSize(int length) => 1 + VarintSize((ulong)length) + length;

    public static int StringSize(string value) => LengthDelimitedSize(Encoding.UTF8.GetByteCount(value));

    public static int WriteVarint(Span<byte> destination, ulong value)
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

    public static int WriteTag(Span<byte> destination, int field, int wireType) =>
        WriteVarint(destination, (ulong)((field << 3) | wireType));

    // Ten bytes at most; the tenth holds the 64th bit alone, so anything more there overflows.
    public static bool TryReadVarint(ReadOnlySpan<byte> source, ref int position, out ulong value)
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

    // A tag's field number: 1 to 2^29 - 1; 0 and anything larger are not protobuf.
    public static bool TryReadTag(ReadOnlySpan<byte> source, ref int position, out int field, out int wireType)
    {
        (field, wireType) = (0, 0);
        if (!TryReadVarint(source, ref position, out var tag) || tag >> 3 is 0 or > (1 << 29) - 1)
        {
            return false;
        }

        (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
        return true;
    }

    // Skips a field this reader does not use, as protobuf readers must (the KPL's Tag, fields added later).
    public static bool TrySkip(ReadOnlySpan<byte> source, ref int position, int wireType)
    {
        switch (wireType)
        {
            case VarintType:
                return TryReadVarint(source, ref position, out _);
            case Fixed64Type:
                position += 8;
                return position <= source.Length;
            case Fixed32Type:
                position += 4;
                return position <= source.Length;
            case LengthDelimitedType:
                return TryReadLength(source, ref position, out _, out _);
            default:
                return false;
        }
    }

    // Reads a length-delimited payload's place: its start and length, and moves past it.
    public static bool TryReadLength(ReadOnlySpan<byte> source, ref int position, out int start, out int length)
    {
        start = length = 0;
        if (!TryReadVarint(source, ref position, out var raw) || raw > (ulong)(source.Length - position))
        {
            return false;
        }

        (start, length) = (position, (int)raw);
        position += length;
        return true;
    }
}
