using System.Text;

namespace Telemetry.Contracts.Kpl;

// The few pieces of the protobuf wire format the aggregated record uses: tags and length-delimited fields (varints
// are Varint's).
internal static class ProtoWire
{
    public const int VarintType = 0;
    public const int Fixed64Type = 1;
    public const int LengthDelimitedType = 2;
    public const int Fixed32Type = 5;

    // A field of type string, bytes or message whose payload is length bytes long, tag included.
    public static int LengthDelimitedSize(int length) => 1 + Varint.Size((ulong)length) + length;

    public static int StringSize(string value) => LengthDelimitedSize(Encoding.UTF8.GetByteCount(value));

    public static int WriteTag(Span<byte> destination, int field, int wireType) =>
        Varint.Write(destination, (ulong)((field << 3) | wireType));

    // A tag's field number: 1 to 2^29 - 1; 0 and anything larger are not protobuf.
    public static bool TryReadTag(ReadOnlySpan<byte> source, ref int position, out int field, out int wireType)
    {
        (field, wireType) = (0, 0);
        if (!Varint.TryRead(source, ref position, out var tag) || tag >> 3 is 0 or > (1 << 29) - 1)
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
                return Varint.TryRead(source, ref position, out _);
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
        if (!Varint.TryRead(source, ref position, out var raw) || raw > (ulong)(source.Length - position))
        {
            return false;
        }

        (start, length) = (position, (int)raw);
        position += length;
        return true;
    }
}
