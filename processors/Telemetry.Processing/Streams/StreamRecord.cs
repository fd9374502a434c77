namespace Telemetry.Processing.Streams;

/// <summary>
/// One Kinesis record as any reader of the stream sees it: the Lambda event, a <c>GetRecords</c> page, a redrive.
/// </summary>
/// <param name="ShardId">The shard it was read from; sequence numbers are only ordered within a shard.</param>
/// <param name="SequenceNumber">Its sequence number exactly as delivered (what <c>batchItemFailures</c> must echo).</param>
/// <param name="PartitionKey">Its partition key (the device id, when the producer behaved).</param>
/// <param name="Data">Its data in base64, as the Lambda event carries it and the rejected sink keeps it.</param>
/// <param name="ApproximateArrivalTime">Kinesis' approximate arrival time.</param>
public sealed record StreamRecord(
    string ShardId,
    string SequenceNumber,
    string PartitionKey,
    string Data,
    DateTimeOffset ApproximateArrivalTime)
{
    /// <summary>
    /// Its place inside the KPL aggregated record it came in (counted from 0), with the aggregated record's
    /// <see cref="SequenceNumber"/>; null for a record put on its own. <see cref="PartitionKey"/> and
    /// <see cref="Data"/> are then the user record's own.
    /// </summary>
    public int? SubSequence { get; init; }

    /// <summary>A record read as bytes (a <c>GetRecords</c> page).</summary>
    public static StreamRecord FromBytes(
        string shardId, string sequenceNumber, string partitionKey, ReadOnlySpan<byte> data, DateTimeOffset approximateArrivalTime) =>
        new(shardId, sequenceNumber, partitionKey, Convert.ToBase64String(data), approximateArrivalTime);
}
