namespace Telemetry.Producer.Sending;

/// <summary>
/// Packs records, in order, into PutRecords calls within the service limits. Pure. A record over the per-record
/// limit can never be accepted, so it is set aside rather than sent.
/// </summary>
public static class PutRecordsBatcher
{
    public static RecordBatches Pack(IEnumerable<OutgoingRecord> records, KinesisLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        limits ??= KinesisLimits.Service;
        var batches = new List<IReadOnlyList<OutgoingRecord>>();
        var oversized = new List<OutgoingRecord>();
        var current = new List<OutgoingRecord>();
        long currentBytes = 0;
        foreach (var record in records)
        {
            if (record.Size > limits.MaxRecordBytes || record.Size > limits.MaxCallBytes)
            {
                oversized.Add(record);
                continue;
            }

            if (current.Count == limits.MaxRecordsPerCall || currentBytes + record.Size > limits.MaxCallBytes)
            {
                batches.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.Add(record);
            currentBytes += record.Size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return new RecordBatches(batches, oversized);
    }
}
