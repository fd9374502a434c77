using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

/// <summary>An accepted reading together with where it sits in the stream.</summary>
/// <param name="ShardId">The shard the record was read from; sequence numbers are only ordered within a shard.</param>
/// <param name="Sequence">The record's sequence number in that shard.</param>
/// <param name="Reading">The decoded reading.</param>
/// <param name="SubSequence">Its place in the KPL aggregated record it came in; null when put on its own.</param>
public sealed record SequencedReading(string ShardId, SequenceNumber Sequence, Reading Reading, int? SubSequence = null);
