using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Lambda's limit on a synchronous invocation's payload, which bounds a Kinesis batch whatever its BatchSize: a
/// batch of KPL aggregated records (up to 1 MiB each) reaches 6 MB long before it reaches its record count.
/// </summary>
internal static class InvocationPayload
{
    /// <summary>6 MB, as Lambda counts a synchronous invocation's request.</summary>
    public const int MaxBytes = 6 * 1024 * 1024;

    // The event's fields around each record's data (ids, ARNs, names, times) and the event's own envelope, generously.
    private const int PerRecordBytes = 512;
    private const int EnvelopeBytes = 1024;

    /// <summary>How many of <paramref name="records"/>, from the first, fit in one invocation (at least one).</summary>
    public static int Fitting(IReadOnlyList<KinesisRecord> records)
    {
        long size = EnvelopeBytes;
        for (var i = 0; i < records.Count; i++)
        {
            size += Size(records[i]);
            if (size > MaxBytes)
            {
                return Math.Max(1, i);
            }
        }

        return records.Count;
    }

    // The data travels in base64; the partition key and sequence number as text.
    private static long Size(KinesisRecord record) =>
        PerRecordBytes + ((record.Data.Length + 2L) / 3 * 4) + record.PartitionKey.Length + record.SequenceNumber.Length;
}
