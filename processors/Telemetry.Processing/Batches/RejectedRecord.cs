namespace Telemetry.Processing.Batches;

/// <summary>A Kinesis record that was not aggregated, and why.</summary>
/// <param name="ShardId">Shard the record came from.</param>
/// <param name="SequenceNumber">Its sequence number, as delivered.</param>
/// <param name="PartitionKey">Its partition key (the device id, when the producer behaved).</param>
/// <param name="Reason">Machine-readable reason, for example <c>TooLate</c> or a decoder reject reason.</param>
/// <param name="Message">Human-readable detail.</param>
/// <param name="ArrivalTime">Kinesis' approximate arrival time.</param>
/// <param name="Data">The record's data as delivered (base64).</param>
public sealed record RejectedRecord(
    string ShardId,
    string SequenceNumber,
    string PartitionKey,
    string Reason,
    string Message,
    DateTimeOffset ArrivalTime,
    string Data)
{
    /// <summary>Its place in the KPL aggregated record it came in; null when it was put on its own.</summary>
    public int? SubSequence { get; init; }
}
