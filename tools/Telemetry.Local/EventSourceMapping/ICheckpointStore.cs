namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Where the mapping remembers, per function and shard, the last sequence number the function processed and whether a
/// closed shard has been read to its end. Writes are durable when the returned task completes.
/// </summary>
public interface ICheckpointStore
{
    Task<string?> GetAsync(string function, string shardId, CancellationToken cancellationToken);

    Task SetAsync(string function, string shardId, string sequenceNumber, CancellationToken cancellationToken);

    Task MarkShardFinishedAsync(string function, string shardId, CancellationToken cancellationToken);

    Task<bool> IsShardFinishedAsync(string function, string shardId, CancellationToken cancellationToken);

    /// <summary>The open tumbling window of the shard, or null.</summary>
    Task<OpenWindow?> GetWindowAsync(string function, string shardId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the open window (null: none) and, when <paramref name="sequenceNumber"/> is given, the checkpoint, in one
    /// durable write.
    /// </summary>
    Task SetWindowAsync(string function, string shardId, OpenWindow? window, string? sequenceNumber, CancellationToken cancellationToken);
}
