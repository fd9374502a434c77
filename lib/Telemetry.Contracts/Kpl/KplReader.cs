using System.Text;

namespace Telemetry.Contracts.Kpl;

/// <summary>What a Kinesis record's data turned out to be.</summary>
public enum KplFraming
{
    /// <summary>Not an aggregated record: its data is one user record, as put.</summary>
    Plain,

    /// <summary>An aggregated record: its user records were read.</summary>
    Aggregated,

    /// <summary>Framed and checksummed as an aggregated record, but its message cannot be read.</summary>
    Corrupt,
}

/// <summary>Reads the user records out of a KPL aggregated record.</summary>
public static class KplReader
{
    /// <summary>
    /// Appends the user records of <paramref name="data"/> to <paramref name="into"/> when it is an aggregated
    /// record; their data are slices of <paramref name="data"/>, not copies. A record without the magic number or
    /// whose checksum does not match is <see cref="KplFraming.Plain"/> and appends nothing, as the KCL treats it.
    /// A corrupt one appends nothing either and says why in <paramref name="problem"/>.
    /// </summary>
    public static KplFraming Read(ReadOnlyMemory<byte> data, List<KplUserRecord> into, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(into);
        problem = null;
        if (!KplFormat.IsAggregated(data.Span))
        {
            return KplFraming.Plain;
        }

        var start = into.Count;
        problem = ReadMessage(data[KplFormat.Magic.Length..^KplFormat.ChecksumLength], into);
        if (problem is null)
        {
            return KplFraming.Aggregated;
        }

        into.RemoveRange(start, into.Count - start);
        return KplFraming.Corrupt;
    }

    /// <summary>
    /// Appends what a reader that keeps every record takes from <paramref name="data"/>: an aggregated record's user
    /// records, or the record itself under <paramref name="partitionKey"/> when it is plain or corrupt (as Firehose
    /// delivers what it cannot unpack). Returns the framing, so the caller knows whether sub-sequence numbers apply.
    /// </summary>
    public static KplFraming ReadOrKeep(ReadOnlyMemory<byte> data, string partitionKey, List<KplUserRecord> into)
    {
        var framing = Read(data, into, out _);
        if (framing != KplFraming.Aggregated)
        {
            into.Add(new KplUserRecord(partitionKey, data));
        }

        return framing;
    }

    // Tables may in principle follow the records, so records are resolved once the whole message is read.
    private static string? ReadMessage(ReadOnlyMemory<byte> message, List<KplUserRecord> into)
    {
        var span = message.Span;
        var partitionKeys = new List<string>();
        var hashKeys = new List<string>();
        var pending = new List<(ulong PartitionKey, ulong? HashKey, int Start, int Length)>();
        var at = 0;
        while (at < span.Length)
        {
            if (!ProtoWire.TryReadTag(span, ref at, out var field, out var wireType))
            {
                return $"the field tag at byte {at} is cut short or not a protobuf tag.";
            }

            if (wireType != ProtoWire.LengthDelimitedType || field is not (KplFormat.PartitionKeyTableField or KplFormat.ExplicitHashKeyTableField or KplFormat.RecordsField))
            {
                if (!ProtoWire.TrySkip(span, ref at, wireType))
                {
                    return $"field {field} (wire type {wireType}) cannot be skipped.";
                }

                continue;
            }

            if (!ProtoWire.TryReadLength(span, ref at, out var valueStart, out var length))
            {
                return $"field {field} runs past the end of the message.";
            }

            var value = span.Slice(valueStart, length);
            switch (field)
            {
                case KplFormat.PartitionKeyTableField:
                    partitionKeys.Add(Encoding.UTF8.GetString(value));
                    break;
                case KplFormat.ExplicitHashKeyTableField:
                    hashKeys.Add(Encoding.UTF8.GetString(value));
                    break;
                default:
                    if (ReadRecord(value, valueStart) is not { } record)
                    {
                        return $"user record {pending.Count} is malformed or lacks its partition key index or data.";
                    }

                    pending.Add(record);
                    break;
            }
        }

        foreach (var (pk, ehk, start, length) in pending)
        {
            if (pk >= (ulong)partitionKeys.Count || (ehk is { } h && h >= (ulong)hashKeys.Count))
            {
                return $"user record {into.Count} names a key past the end of its table.";
            }

            into.Add(new KplUserRecord(partitionKeys[(int)pk], message.Slice(start, length), ehk is { } e ? hashKeys[(int)e] : null));
        }

        return null;
    }

    private static (ulong, ulong?, int, int)? ReadRecord(ReadOnlySpan<byte> record, int offset)
    {
        ulong? pk = null, ehk = null;
        (int Start, int Length)? data = null;
        var at = 0;
        while (at < record.Length)
        {
            if (!ProtoWire.TryReadTag(record, ref at, out var field, out var wireType))
            {
                return null;
            }

            switch (field, wireType)
            {
                case (KplFormat.PartitionKeyIndexField, ProtoWire.VarintType):
                    if (!Varint.TryRead(record, ref at, out var p))
                    {
                        return null;
                    }

                    pk = p;
                    break;
                case (KplFormat.ExplicitHashKeyIndexField, ProtoWire.VarintType):
                    if (!Varint.TryRead(record, ref at, out var e))
                    {
                        return null;
                    }

                    ehk = e;
                    break;
                case (KplFormat.DataField, ProtoWire.LengthDelimitedType):
                    if (!ProtoWire.TryReadLength(record, ref at, out var start, out var length))
                    {
                        return null;
                    }

                    data = (offset + start, length);
                    break;
                default:
                    if (!ProtoWire.TrySkip(record, ref at, wireType))
                    {
                        return null;
                    }

                    break;
            }
        }

        return pk is { } key && data is { } d ? (key, ehk, d.Start, d.Length) : null;
    }
}
