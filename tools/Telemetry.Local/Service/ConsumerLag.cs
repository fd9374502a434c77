using Telemetry.Aws.Kinesis;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Service;

/// <summary>How far one consumer is behind the tip of one shard: what lies after its checkpoint.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="Checkpoint">The last sequence number the consumer processed; null: nothing yet.</param>
/// <param name="PendingRecords">Records after the checkpoint, counted up to <see cref="ConsumerLag.CountLimit"/>.</param>
/// <param name="PendingIsAtLeast">More records may follow beyond <paramref name="PendingRecords"/>.</param>
/// <param name="OldestPendingAge">Age of the oldest record not yet processed; null when none is pending.</param>
public sealed record ShardLag(string ShardId, string? Checkpoint, int PendingRecords, bool PendingIsAtLeast, TimeSpan? OldestPendingAge);

/// <summary>
/// Measures lag by reading after each checkpoint. kinesalite reports MillisBehindLatest as 0 whatever the backlog,
/// so the records are counted instead; one GetRecords call per shard bounds the cost.
/// </summary>
public static class ConsumerLag
{
    public const int CountLimit = 10_000;

    public static async Task<IReadOnlyList<ShardLag>> MeasureAsync(
        IKinesisClient kinesis, string streamName, string dataDirectory, string function, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinesis);
        var checkpoints = new FileCheckpointStore(FunctionServicePaths.Checkpoints(dataDirectory));
        var lags = new List<ShardLag>();
        foreach (var shard in await kinesis.ListShardsAsync(streamName, cancellationToken))
        {
            var checkpoint = await checkpoints.GetAsync(function, shard.ShardId, cancellationToken);
            var position = checkpoint is null ? ShardIteratorPosition.TrimHorizon : ShardIteratorPosition.AfterSequenceNumber(checkpoint);
            var iterator = await kinesis.GetShardIteratorAsync(streamName, shard.ShardId, position, cancellationToken);
            var read = await kinesis.GetRecordsAsync(iterator, CountLimit, cancellationToken);
            var oldest = read.Records.Count > 0 ? now - read.Records[0].ApproximateArrivalTimestamp : (TimeSpan?)null;
            lags.Add(new ShardLag(shard.ShardId, checkpoint, read.Records.Count, read.Records.Count == CountLimit, oldest));
        }

        return lags;
    }
}
