using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Contracts.Kpl;

/// <summary>
/// Packs user records into one aggregated record, keeping its exact encoded size so a producer knows when the next
/// record would pass Kinesis' 1 MiB limit. The aggregated record travels under the first user record's partition
/// key; a producer puts in one builder only records that route to the same shard.
/// </summary>
public sealed class KplAggregateBuilder
{
    private readonly Dictionary<string, int> partitionKeyIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> explicitHashKeyIndex = new(StringComparer.Ordinal);
    private readonly List<string> partitionKeys = [];
    private readonly List<string> explicitHashKeys = [];
    private readonly List<(int PartitionKey, int ExplicitHashKey, ReadOnlyMemory<byte> Data)> records = [];
    private readonly int maxRecordBytes;
    private int messageSize;

    /// <param name="maxRecordBytes">The most one aggregated record may take, data plus partition key.</param>
    public KplAggregateBuilder(int maxRecordBytes = KplFormat.MaxRecordBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, KplFormat.Overhead + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRecordBytes, KplFormat.MaxRecordBytes);
        this.maxRecordBytes = maxRecordBytes;
    }

    /// <summary>User records added since the last <see cref="Clear"/>.</summary>
    public int Count => records.Count;

    /// <summary>The partition key the aggregated record is put under: its first user record's.</summary>
    public string? PartitionKey => records.Count == 0 ? null : partitionKeys[records[0].PartitionKey];

    /// <summary>
    /// The explicit hash key the aggregated record is put with: its first user record's, if it had one, so that the
    /// record routes where that user record would have.
    /// </summary>
    public string? ExplicitHashKey => records.Count == 0 || records[0].ExplicitHashKey < 0 ? null : explicitHashKeys[records[0].ExplicitHashKey];

    /// <summary>Bytes of the aggregated record's data as <see cref="Build"/> will write it.</summary>
    public int DataSize => KplFormat.Overhead + messageSize;

    /// <summary>
    /// Adds <paramref name="record"/> unless the aggregated record would then pass the limit. A record refused by an
    /// empty builder is too large for any aggregated record: it can only travel on its own.
    /// </summary>
    public bool TryAdd(KplUserRecord record)
    {
        ArgumentException.ThrowIfNullOrEmpty(record.PartitionKey);
        var newPartitionKey = !partitionKeyIndex.TryGetValue(record.PartitionKey, out var pk);
        var newHashKey = false;
        var ehk = -1;
        if (record.ExplicitHashKey is { } hashKey)
        {
            newHashKey = !explicitHashKeyIndex.TryGetValue(hashKey, out ehk);
        }

        var grown = messageSize
            + (newPartitionKey ? ProtoWire.StringSize(record.PartitionKey) : 0)
            + (newHashKey ? ProtoWire.StringSize(record.ExplicitHashKey!) : 0)
            + ProtoWire.LengthDelimitedSize(RecordSize(
                newPartitionKey ? partitionKeys.Count : pk,
                record.ExplicitHashKey is null ? -1 : newHashKey ? explicitHashKeys.Count : ehk,
                record.Data.Length));
        var outerKey = PartitionKey ?? record.PartitionKey;
        if (KplFormat.Overhead + grown + Encoding.UTF8.GetByteCount(outerKey) > maxRecordBytes)
        {
            return false;
        }

        if (newPartitionKey)
        {
            pk = partitionKeys.Count;
            partitionKeys.Add(record.PartitionKey);
            partitionKeyIndex.Add(record.PartitionKey, pk);
        }

        if (newHashKey)
        {
            ehk = explicitHashKeys.Count;
            explicitHashKeys.Add(record.ExplicitHashKey!);
            explicitHashKeyIndex.Add(record.ExplicitHashKey!, ehk);
        }

        records.Add((pk, ehk, record.Data));
        messageSize = grown;
        return true;
    }

    /// <summary>The aggregated record's bytes: magic number, protobuf message, MD5 of the message.</summary>
    public byte[] Build()
    {
        var output = new byte[DataSize];
        var span = output.AsSpan();
        KplFormat.Magic.CopyTo(span);
        var at = KplFormat.Magic.Length;
        foreach (var key in partitionKeys)
        {
            at += WriteString(span[at..], KplFormat.PartitionKeyTableField, key);
        }

        foreach (var key in explicitHashKeys)
        {
            at += WriteString(span[at..], KplFormat.ExplicitHashKeyTableField, key);
        }

        foreach (var (pk, ehk, data) in records)
        {
            at += ProtoWire.WriteTag(span[at..], KplFormat.RecordsField, ProtoWire.LengthDelimitedType);
            at += Varint.Write(span[at..], (ulong)RecordSize(pk, ehk, data.Length));
            at += ProtoWire.WriteTag(span[at..], KplFormat.PartitionKeyIndexField, ProtoWire.VarintType);
            at += Varint.Write(span[at..], (ulong)pk);
            if (ehk >= 0)
            {
                at += ProtoWire.WriteTag(span[at..], KplFormat.ExplicitHashKeyIndexField, ProtoWire.VarintType);
                at += Varint.Write(span[at..], (ulong)ehk);
            }

            at += ProtoWire.WriteTag(span[at..], KplFormat.DataField, ProtoWire.LengthDelimitedType);
            at += Varint.Write(span[at..], (ulong)data.Length);
            data.Span.CopyTo(span[at..]);
            at += data.Length;
        }

        MD5.HashData(span[KplFormat.Magic.Length..at], span[at..]);
        return output;
    }

    /// <summary>Empties the builder for the next aggregated record.</summary>
    public void Clear()
    {
        partitionKeyIndex.Clear();
        explicitHashKeyIndex.Clear();
        partitionKeys.Clear();
        explicitHashKeys.Clear();
        records.Clear();
        messageSize = 0;
    }

    private static int RecordSize(int partitionKey, int explicitHashKey, int dataLength) =>
        1 + Varint.Size((ulong)partitionKey)
        + (explicitHashKey < 0 ? 0 : 1 + Varint.Size((ulong)explicitHashKey))
        + ProtoWire.LengthDelimitedSize(dataLength);

    private static int WriteString(Span<byte> destination, int field, string value)
    {
        var at = ProtoWire.WriteTag(destination, field, ProtoWire.LengthDelimitedType);
        var length = Encoding.UTF8.GetByteCount(value);
        at += Varint.Write(destination[at..], (ulong)length);
        return at + Encoding.UTF8.GetBytes(value, destination[at..]);
    }
}
