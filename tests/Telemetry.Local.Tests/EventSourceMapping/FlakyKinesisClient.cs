using System.Net;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>
/// The real client with scripted GetRecords failures injected in front of it: each call takes the next entry of
/// <see cref="GetRecordsFailures"/> (null lets the call through), so tests can expire iterators and throttle on cue.
/// </summary>
public sealed class FlakyKinesisClient(IKinesisClient inner) : IKinesisClient
{
    private readonly Lock _gate = new();

    public Queue<Func<Exception>?> GetRecordsFailures { get; } = new();

    public int GetShardIteratorCalls { get; private set; }

    public static KinesisExpiredIteratorException Expired() =>
        new("ExpiredIteratorException", "Iterator expired.", HttpStatusCode.BadRequest, null);

    public static KinesisProvisionedThroughputExceededException Throttled() =>
        new("ProvisionedThroughputExceededException", "Rate exceeded for shard.", HttpStatusCode.BadRequest, null);

    public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default)
    {
        Func<Exception>? failure = null;
        lock (_gate)
        {
            GetRecordsFailures.TryDequeue(out failure);
        }

        return failure is null ? inner.GetRecordsAsync(shardIterator, limit, cancellationToken) : Task.FromException<GetRecordsResult>(failure());
    }

    public Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            GetShardIteratorCalls++;
        }

        return inner.GetShardIteratorAsync(streamName, shardId, position, cancellationToken);
    }

    public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) =>
        inner.CreateStreamAsync(streamName, shardCount, cancellationToken);

    public Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default) =>
        inner.DescribeStreamSummaryAsync(streamName, cancellationToken);

    public Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) =>
        inner.ListShardsAsync(streamName, cancellationToken);

    public Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) =>
        inner.PutRecordsAsync(streamName, records, cancellationToken);

    public Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default) =>
        inner.SplitShardAsync(streamName, shardId, newStartingHashKey, cancellationToken);
}
