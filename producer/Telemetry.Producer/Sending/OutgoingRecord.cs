using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;

namespace Telemetry.Producer.Sending;

/// <summary>
/// One record waiting to be put: its encoded data and partition key, ready as the entry the client takes. A KPL
/// aggregated record also knows the records it carries, so that each is accounted for when it is put or given up.
/// </summary>
public sealed record OutgoingRecord
{
    public OutgoingRecord(string partitionKey, ReadOnlyMemory<byte> data)
    {
        Size = data.Length + Encoding.UTF8.GetByteCount(partitionKey);
        Entry = new PutRecordsEntry(data, partitionKey);
    }

    private OutgoingRecord(string partitionKey, ReadOnlyMemory<byte> data, IReadOnlyList<OutgoingRecord> members)
        : this(partitionKey, data) => Members = members;

    /// <summary>The records an aggregated record carries, in order; null for a record put on its own.</summary>
    public IReadOnlyList<OutgoingRecord>? Members { get; }

    /// <summary>Readings this record carries: its members', or one.</summary>
    public int Readings => Members?.Count ?? 1;

    /// <summary>The records themselves: an aggregated record's members, or this record.</summary>
    public IEnumerable<OutgoingRecord> Unpacked => Members ?? [this];

    /// <summary>Built once, so that sends and re-sends pass the same entry instead of copying it each time.</summary>
    public PutRecordsEntry Entry { get; }

    public string PartitionKey => Entry.PartitionKey;

    public ReadOnlyMemory<byte> Data => Entry.Data;

    /// <summary>What the record counts against the PutRecords size limits: data plus partition key.</summary>
    public int Size { get; }

    /// <summary>A KPL aggregated record of <paramref name="members"/>, put under <paramref name="partitionKey"/>.</summary>
    public static OutgoingRecord Aggregated(string partitionKey, ReadOnlyMemory<byte> data, IReadOnlyList<OutgoingRecord> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new OutgoingRecord(partitionKey, data, members);
    }

    /// <summary>Encodes a reading; the partition key is the device id so one device's readings stay in order on one shard.</summary>
    public static OutgoingRecord From(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new OutgoingRecord(reading.DeviceId, ReadingCodec.Encode(reading));
    }
}
