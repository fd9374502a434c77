namespace Telemetry.Local.EventSourceMapping;

/// <summary>Counters shared by every shard poller of one host.</summary>
internal sealed class EventSourceMappingCounters
{
    private long _batchesInvoked;
    private long _recordsDelivered;
    private long _retries;
    private long _skippedBatches;
    private long _skippedRecords;

    public void Invoked() => Interlocked.Increment(ref _batchesInvoked);

    public void Delivered(int records) => Interlocked.Add(ref _recordsDelivered, records);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Skipped(int records)
    {
        Interlocked.Increment(ref _skippedBatches);
        Interlocked.Add(ref _skippedRecords, records);
    }

    public EventSourceMappingStats Snapshot() => new(
        Interlocked.Read(ref _batchesInvoked),
        Interlocked.Read(ref _recordsDelivered),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _skippedBatches),
        Interlocked.Read(ref _skippedRecords));
}
