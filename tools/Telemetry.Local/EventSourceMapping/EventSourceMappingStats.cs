namespace Telemetry.Local.EventSourceMapping;

/// <summary>A snapshot of a mapping's progress since its host started.</summary>
/// <param name="BatchesInvoked">Invocations of the function, retries and bisected halves included.</param>
/// <param name="RecordsDelivered">Records the function processed successfully (checkpointed past).</param>
/// <param name="Retries">Invocations repeated after a failure or a partial failure (bisections are not retries, as in AWS).</param>
/// <param name="SkippedBatches">Batches given up on and written to the on-failure destination.</param>
/// <param name="SkippedRecords">Records in those batches.</param>
public sealed record EventSourceMappingStats(
    long BatchesInvoked,
    long RecordsDelivered,
    long Retries,
    long SkippedBatches,
    long SkippedRecords)
{
    /// <summary>The most recent failure: a function error, a failed Kinesis call, a skipped batch.</summary>
    public string? LastError { get; init; }

    /// <summary>The invocations' durations added up, each rounded up to the millisecond as Lambda bills them.</summary>
    public long BilledMilliseconds { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }
}
