namespace Telemetry.Processing.Batches;

/// <summary>All readings of one batch that fall into one window, ordered by shard and sequence number.</summary>
/// <param name="Key">The window they update.</param>
/// <param name="Readings">The contributing readings.</param>
public sealed record WindowContributions(WindowKey Key, IReadOnlyList<SequencedReading> Readings);
