using System.Collections.Concurrent;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>Counters shared by every shard poller of one host.</summary>
internal sealed class EventSourceMappingCounters
{
    private long _batchesInvoked;
    private long _recordsDelivered;
    private long _retries;
    private long _skippedBatches;
    private long _skippedRecords;
    private long _billedMilliseconds;
    private ErrorNote? _lastError;

    // With unlimited retries a failing shard only waits; this is what tells an operator which one, and since when.
    private readonly ConcurrentDictionary<string, ShardRetryState> _retrying = new(StringComparer.Ordinal);

    public void Invoked() => Interlocked.Increment(ref _batchesInvoked);

    /// <summary>Adds an invocation's duration as Lambda bills it: rounded up to the millisecond.</summary>
    public void Ran(TimeSpan duration) => Interlocked.Add(ref _billedMilliseconds, (long)Math.Ceiling(duration.TotalMilliseconds));

    public void Delivered(int records) => Interlocked.Add(ref _recordsDelivered, records);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Skipped(int records)
    {
        Interlocked.Increment(ref _skippedBatches);
        Interlocked.Add(ref _skippedRecords, records);
    }

    public void Failed(string message, DateTimeOffset at) => Volatile.Write(ref _lastError, new ErrorNote(message, at));

    /// <summary>Notes one more failed attempt on a shard that has not moved forward since its first failure.</summary>
    public void Retrying(string shardId, string message, DateTimeOffset at) =>
        _retrying.AddOrUpdate(
            shardId,
            static (id, note) => new ShardRetryState(id, 1, note.At, note.Message, note.At),
            static (_, state, note) => state with { Failures = state.Failures + 1, LastError = note.Message, LastErrorAt = note.At },
            new ErrorNote(message, at));

    /// <summary>The shard moved forward (a checkpoint, a skip, a successful read): it is no longer retrying.</summary>
    public void Progressed(string shardId) => _retrying.TryRemove(shardId, out _);

    public IReadOnlyList<ShardRetryState> RetryingShards() =>
        [.. _retrying.Values.OrderBy(state => state.ShardId, StringComparer.Ordinal)];

    public EventSourceMappingStats Snapshot() => Snapshot(Volatile.Read(ref _lastError));

    private EventSourceMappingStats Snapshot(ErrorNote? lastError) => new(
        Interlocked.Read(ref _batchesInvoked),
        Interlocked.Read(ref _recordsDelivered),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _skippedBatches),
        Interlocked.Read(ref _skippedRecords))
    {
        BilledMilliseconds = Interlocked.Read(ref _billedMilliseconds),
        LastError = lastError?.Message,
        LastErrorAt = lastError?.At,
    };

    private sealed record ErrorNote(string Message, DateTimeOffset At);
}
