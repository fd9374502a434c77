using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

/// <summary>What is stored for one window: its statistics and, per shard, the highest sequence number absorbed.</summary>
/// <param name="DeviceType">The device type, from the first reading absorbed.</param>
/// <param name="Site">The site, from the first reading absorbed.</param>
/// <param name="ReadingCount">Readings absorbed into the window.</param>
/// <param name="Metrics">Statistics per metric name.</param>
/// <param name="HighWaterMarks">Shard id to the highest sequence number absorbed from that shard.</param>
public sealed record RollupState(
    string DeviceType,
    string Site,
    long ReadingCount,
    IReadOnlyDictionary<string, MetricStats> Metrics,
    IReadOnlyDictionary<string, SequenceNumber> HighWaterMarks);
