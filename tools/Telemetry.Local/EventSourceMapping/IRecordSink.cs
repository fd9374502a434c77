using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// A consumer that takes records as the shards are read and stores them on its own schedule, as Firehose buffers a
/// Kinesis source, instead of a function invoked per batch: it commits each shard's checkpoint itself, once the records
/// up to it are stored, through <see cref="IRecordSinkHost"/>.
/// </summary>
public interface IRecordSink
{
    /// <summary>Takes the next records of <paramref name="shardId"/>, in order; may wait while the sink is behind.</summary>
    Task AcceptAsync(string shardId, IReadOnlyList<KinesisRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once every record of <paramref name="shardId"/> accepted so far is stored and checkpointed: a closed
    /// shard is marked finished only then, or a restart would skip what was still buffered.
    /// </summary>
    Task DrainAsync(string shardId, CancellationToken cancellationToken);
}

/// <summary>What the mapping offers a sink: checkpoints, and the failure notes <c>telemetry local status</c> shows.</summary>
public interface IRecordSinkHost
{
    /// <summary>Stores the checkpoint of <paramref name="shardId"/> at <paramref name="sequenceNumber"/>, after <paramref name="records"/> more records were stored.</summary>
    Task CommitAsync(string shardId, string sequenceNumber, int records, CancellationToken cancellationToken);

    /// <summary>Logs a failure that is being retried and keeps it as the consumer's last error.</summary>
    void Fail(string message);

    void Log(string message);
}

/// <summary>What a shard poller hands its records to: a Lambda-style batch processor or a record sink.</summary>
internal interface IShardBatchSink
{
    Task ProcessAsync(IReadOnlyList<KinesisRecord> batch, CancellationToken cancellationToken);

    Task DrainAsync(CancellationToken cancellationToken);

    /// <summary>Called while the shard has nothing new: a sink that closes windows by the clock does so here.</summary>
    Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Where reading resumes: after the checkpoint, unless the sink has read further into an open window.</summary>
    Task<string?> ResumeAfterAsync(string? checkpoint, CancellationToken cancellationToken) => Task.FromResult(checkpoint);
}

/// <summary>One shard's view of a <see cref="IRecordSink"/>.</summary>
internal sealed class ShardRecordSink(IRecordSink sink, string shardId) : IShardBatchSink
{
    public Task ProcessAsync(IReadOnlyList<KinesisRecord> batch, CancellationToken cancellationToken) =>
        sink.AcceptAsync(shardId, batch, cancellationToken);

    public Task DrainAsync(CancellationToken cancellationToken) => sink.DrainAsync(shardId, cancellationToken);
}
