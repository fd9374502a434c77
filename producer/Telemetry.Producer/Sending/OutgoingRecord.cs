using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;

namespace Telemetry.Producer.Sending;

/// <summary>One record waiting to be put: its encoded data and partition key.</summary>
public sealed record OutgoingRecord(string PartitionKey, ReadOnlyMemory<byte> Data)
{
    /// <summary>What the record counts against the PutRecords size limits: data plus partition key.</summary>
    public int Size { get; } = Data.Length + Encoding.UTF8.GetByteCount(PartitionKey);

    /// <summary>Encodes a reading; the partition key is the device id so one device's readings stay in order on one shard.</summary>
    public static OutgoingRecord From(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new OutgoingRecord(reading.DeviceId, ReadingCodec.Encode(reading));
    }

    public PutRecordsEntry ToEntry() => new(Data, PartitionKey);
}
