namespace Telemetry.Producer.Sending;

/// <summary>
/// Told the fate of each record <see cref="PutRecordsSender"/> is given, so that a caller can account per record
/// (the ledger) rather than only count. Called on the sending thread, once per acknowledgement and once per record
/// given up on; a record re-sent after a per-entry failure is reported only when its fate is final.
/// </summary>
public interface IRecordOutcomes
{
    /// <summary>
    /// Kinesis acknowledged <paramref name="record"/>; the shard and sequence number may be missing from a malformed
    /// answer. A record put inside a KPL aggregated record has the aggregated record's sequence number and its own
    /// <paramref name="subSequence"/>; null for a record put on its own.
    /// </summary>
    void Acknowledged(OutgoingRecord record, string? shardId, string? sequenceNumber, int? subSequence);

    /// <summary>
    /// The sender gave up on <paramref name="record"/>: retries exhausted, oversized, cancelled or stopped by an error.
    /// It may still be on the stream (a call whose answer was lost), so this is "not known to be acknowledged".
    /// </summary>
    void GivenUp(OutgoingRecord record);
}
