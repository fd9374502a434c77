namespace Telemetry.Processing.Streams;

/// <summary>Reads a span of one shard again: the records of a flush interval whose partial could not be folded whole.</summary>
public interface IShardRangeSource
{
    /// <summary>
    /// The records of <paramref name="shardId"/> from <paramref name="firstSequence"/> to <paramref name="lastSequence"/>,
    /// both included, in order, that <paramref name="keep"/> accepts.
    /// </summary>
    /// <exception cref="InvalidDataException">The shard does not hold the whole span any more (trimmed, or never reached).</exception>
    Task<IReadOnlyList<StreamRecord>> ReadAsync(
        string shardId, string firstSequence, string lastSequence, Func<StreamRecord, bool> keep, CancellationToken cancellationToken);
}
