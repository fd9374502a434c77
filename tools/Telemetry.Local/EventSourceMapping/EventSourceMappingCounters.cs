namespace Telemetry.Local.EventSourceMapping;

/// <summary>Counters shared by every shard poller of one host.</summary>
internal sealed class EventSourceMappingCounters
{
    private long _batchesInvoked;
    private long _recordsDelivered;
    private long _retries;
    private long _skippedBatches;
    private long _skippedRecords;
    private ErrorNote? _lastError;

    public void Invoked() => Interlocked.Increment(ref _batchesInvoked);

    public void Delivered(int records) => Interlocked.Add(ref _recordsDelivered, records);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Skipped(int records)
    {
        Interlocked.Increment(ref _skippedBatches);
        Interlocked.Add(ref _skippedRecords, records);
    }

    public void Failed(string message, DateTimeOffset at) => Volatile.Write(ref _lastError, new ErrorNote(message, at));

    public EventSourceMappingStats Snapshot() => Snapshot(Volatile.Read(ref _lastError));

    private EventSourceMappingStats Snapshot(ErrorNote? lastError) => new(
        Interlocked.Read(ref _batchesInvoked),
        Interlocked.Read(ref _recordsDelivered),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _skippedBatches),
        Interlocked.Read(ref _skippedRecords))
    {
        LastError = lastError?.Message,
        LastErrorAt = lastError?.At,
    };

    private sealed record ErrorNote(string Message, DateTimeOffset At);
}
