namespace Telemetry.Aws.Kinesis;

/// <summary>
/// The Kinesis operations this project uses. AWSSDK.Kinesis is not served by our package feed, so
/// the project's own <c>KinesisClient</c> speaks the JSON 1.1 protocol itself; swapping in the SDK means one new
/// implementation of this interface.
/// </summary>
public interface IKinesisClient
{
    Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default);

    Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default);

    /// <summary>Every shard of the stream, open and closed, following NextToken pages.</summary>
    Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default);

    /// <summary>
    /// One PutRecords call. A successful HTTP response can still carry per-entry failures:
    /// callers must inspect <see cref="PutRecordsResult.Entries"/> and retry the failed ones.
    /// </summary>
    Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default);

    Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default);

    Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default);

    Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default);
}
