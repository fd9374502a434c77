using System.Collections.Concurrent;

namespace Telemetry.Processing.Metrics;

/// <summary>
/// What one function invocation did, counted where it happens (a window written deep in the rollup store, a reject
/// stored by the sink, an alert published) and written out once at the end as metrics (docs/function-metrics.md).
/// </summary>
/// <remarks>
/// The stores serve every invocation of a process, and the local function service runs several at once, so the
/// counters of an invocation are found through an <see cref="AsyncLocal{T}"/> scope its entry point begins, rather
/// than through a sink threaded through every port. Outside a scope (tests, the CLI's own replays) counting does
/// nothing. Thread-safe: the work of one invocation may run in parallel.
/// </remarks>
public sealed class InvocationCounters
{
    private static readonly AsyncLocal<InvocationCounters?> Scope = new();
    private readonly ConcurrentDictionary<(string Metric, string? Reason), long> counts = new();

    /// <summary>Starts counting for the invocation running on this asynchronous flow and what it awaits.</summary>
    public static InvocationCounters Begin()
    {
        var counters = new InvocationCounters();
        Scope.Value = counters;
        return counters;
    }

    /// <summary>Adds to a counter of the current invocation, if any; <paramref name="reason"/> splits it by a second dimension.</summary>
    public static void Add(string metric, long value = 1, string? reason = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        if (value != 0)
        {
            Scope.Value?.counts.AddOrUpdate((metric, reason), value, (_, held) => held + value);
        }
    }

    /// <summary>The counts so far, by metric and reason (null: not split).</summary>
    public IReadOnlyDictionary<(string Metric, string? Reason), long> Snapshot() => new Dictionary<(string, string?), long>(counts);
}
