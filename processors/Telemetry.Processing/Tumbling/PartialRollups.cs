using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tumbling;

/// <summary>
/// What the aggregator carries from one invocation to the next within a flush interval (a tumbling window of the
/// event source mapping): per touched window, the rollup of the readings seen so far, and the span of the shard they
/// came from, so that the records can be read again if a window has to be applied reading by reading.
/// </summary>
/// <param name="ShardId">The shard the readings came from; null while nothing was gathered.</param>
/// <param name="FirstSequence">The first record's sequence number gathered in this interval.</param>
/// <param name="LastSequence">The last record's sequence number gathered in this interval.</param>
/// <param name="Windows">Per window, the partial rollup: its readings' statistics and identities.</param>
public sealed record PartialRollups(
    string? ShardId,
    string? FirstSequence,
    string? LastSequence,
    IReadOnlyDictionary<WindowKey, RollupState> Windows)
{
    /// <summary>Nothing gathered: the state a flush interval starts with.</summary>
    public static PartialRollups Empty { get; } = new(null, null, null, new Dictionary<WindowKey, RollupState>());

    /// <summary>Readings held across all windows (each reading counts once per resolution).</summary>
    public long ReadingsHeld => Windows.Values.Sum(w => w.ReadingCount);
}
