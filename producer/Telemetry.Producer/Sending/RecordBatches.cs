namespace Telemetry.Producer.Sending;

/// <summary>Records packed into PutRecords calls, and those too large for any call.</summary>
public sealed record RecordBatches(
    IReadOnlyList<IReadOnlyList<OutgoingRecord>> Batches,
    IReadOnlyList<OutgoingRecord> Oversized);
