using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;

namespace Telemetry.Producer.Sending;

/// <summary>One record waiting to be put: its encoded data and partition key, ready as the entry the client takes.</summary>
public sealed record OutgoingRecord
{
    public OutgoingRecord(string partitionKey, ReadOnlyMemory<byte> data)
    {
        Size = data.Length + Encoding.UTF8.GetByteCount(partitionKey);
        Entry = new PutRecordsEntry(data, partitionKey);
    }

    /// <summary>Built once, so that sends and re-sends pass the same entry instead of copying it each time.</summary>
    public PutRecordsEntry Entry { get; }

    public string PartitionKey => Entry.PartitionKey;

    public ReadOnlyMemory<byte> Data => Entry.Data;

    /// <summary>What the record counts against the PutRecords size limits: data plus partition key.</summary>
    public int Size { get; }

    /// <summary>Encodes a reading; the partition key is the device id so one device's readings stay in order on one shard.</summary>
    public static OutgoingRecord From(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new OutgoingRecord(reading.DeviceId, ReadingCodec.Encode(reading));
    }
}
