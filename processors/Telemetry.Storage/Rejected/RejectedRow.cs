namespace Telemetry.Storage.Rejected;

/// <summary>A stored rejected record.</summary>
/// <param name="ShardId">Shard the record came from.</param>
/// <param name="SequenceNumber">Its sequence number.</param>
/// <param name="PartitionKey">Its partition key.</param>
/// <param name="Reason">Why it was rejected, for example <c>TooLate</c>.</param>
/// <param name="Message">Detail.</param>
/// <param name="Data">The record's data, base64, cut to a bounded length.</param>
/// <param name="DataTruncated">Whether <paramref name="Data"/> was cut.</param>
public sealed record RejectedRow(
    string ShardId,
    string SequenceNumber,
    string PartitionKey,
    string Reason,
    string Message,
    string Data,
    bool DataTruncated)
{
    /// <summary>Its place in the KPL aggregated record it came in; null when it was put on its own.</summary>
    public int? SubSequence { get; init; }

    /// <summary>Where it sits in the stream: the sequence number, and the sub-sequence number if any.</summary>
    public string Position => SubSequence is { } sub ? $"{SequenceNumber}/{sub}" : SequenceNumber;
}
