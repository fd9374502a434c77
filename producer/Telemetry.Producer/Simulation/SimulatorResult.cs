using Telemetry.Producer.Ledger;

namespace Telemetry.Producer.Simulation;

/// <summary>
/// The outcome of a run. <c>Sent + Failed</c> is every record handed over: <c>Generated</c> readings plus the
/// duplicates and poison of <see cref="Injected"/>.
/// </summary>
public sealed record SimulatorResult
{
    public required long Generated { get; init; }

    /// <summary>Records acknowledged by Kinesis.</summary>
    public required long Sent { get; init; }

    /// <summary>Records finally lost: retries exhausted, oversized, unsent at the flush deadline, or stopped by <see cref="Fault"/>.</summary>
    public required long Failed { get; init; }

    /// <summary>Record re-sends (a whole-call retry of n records counts n).</summary>
    public required long Retries { get; init; }

    /// <summary>Highest acknowledged sequence number per shard id; a consumer that has read up to these has seen every reading.</summary>
    public required IReadOnlyDictionary<string, string> LastSequenceNumberByShard { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The run was stopped early by its cancellation token; what was buffered was flushed.</summary>
    public bool Cancelled { get; init; }

    /// <summary>A non-transient error (missing stream, credentials, access) that stopped the run.</summary>
    public Exception? Fault { get; init; }

    /// <summary>Records handed to PutRecords, by kind (all zero but readings in a run without faults).</summary>
    public LedgerCounts Injected { get; init; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The anomalies planned for the run and the alert events each should cause, in device time.</summary>
    public IReadOnlyList<LedgerAnomaly> Anomalies { get; init; } = [];

    /// <summary>Every generated reading was acknowledged and no error stopped the run.</summary>
    public bool AllSent => Failed == 0 && Fault is null;
}
