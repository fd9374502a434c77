namespace Telemetry.Processing.Streams;

/// <summary>Reads a span of one shard again: the records of a flush interval whose partial could not be folded whole.</summary>
public interface IShardRangeSource
{
    /// <summary>The records of <paramref name="shardId"/> from <paramref name="firstSequence"/> to <paramref name="lastSequence"/>, both included, in order.</summary>
    Task<IReadOnlyList<StreamRecord>> ReadAsync(string shardId, string firstSequence, string lastSequence, CancellationToken cancellationToken);
}
