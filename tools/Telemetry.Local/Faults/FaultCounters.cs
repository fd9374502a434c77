namespace Telemetry.Local.Faults;

/// <summary>What the proxy did to the calls of one upstream since it started.</summary>
public sealed record UpstreamCountersSnapshot(
    long Calls,
    long Delayed,
    long Throttled,
    long ServerErrors,
    long Resets,
    long FailedEntries,
    long DroppedResponses)
{
    /// <summary>Calls per API operation (<c>UpdateItem</c>, <c>PutRecords</c>, …), faulted or not: what a cost model counts.</summary>
    public IReadOnlyDictionary<string, long> Operations { get; init; } = new Dictionary<string, long>();
}

/// <summary>Counts of injected faults per upstream and kind; safe to update from concurrent requests.</summary>
public sealed class FaultCounters
{
    private readonly long[,] _counts = new long[FaultUpstreams.All.Count, Enum.GetValues<FaultKind>().Length];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(FaultUpstream, string), long> _operations = new();

    /// <summary>Counts one call of <paramref name="operation"/> (null: not an AWS JSON call, not counted by operation).</summary>
    public void Called(FaultUpstream upstream, string? operation)
    {
        Add(upstream, FaultKind.Call);
        if (operation is not null)
        {
            _operations.AddOrUpdate((upstream, operation), 1, (_, n) => n + 1);
        }
    }

    public void Add(FaultUpstream upstream, FaultKind kind, long count = 1) => Interlocked.Add(ref _counts[(int)upstream, (int)kind], count);

    public UpstreamCountersSnapshot Snapshot(FaultUpstream upstream)
    {
        long Read(FaultKind kind) => Interlocked.Read(ref _counts[(int)upstream, (int)kind]);
        return new(
            Read(FaultKind.Call),
            Read(FaultKind.Delayed),
            Read(FaultKind.Throttled),
            Read(FaultKind.ServerError),
            Read(FaultKind.Reset),
            Read(FaultKind.FailedEntry),
            Read(FaultKind.DroppedResponse))
        {
            Operations = _operations.Where(p => p.Key.Item1 == upstream).ToDictionary(p => p.Key.Item2, p => p.Value, StringComparer.Ordinal),
        };
    }
}

/// <summary>What a counter counts; <see cref="Call"/> counts every call, faulted or not.</summary>
public enum FaultKind
{
    Call,
    Delayed,
    Throttled,
    ServerError,
    Reset,
    FailedEntry,
    DroppedResponse,
}
