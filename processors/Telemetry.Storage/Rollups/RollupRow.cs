using Telemetry.Processing;

namespace Telemetry.Storage.Rollups;

/// <summary>One stored window of one device at one resolution.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceType">Its type.</param>
/// <param name="Site">Its site.</param>
/// <param name="Resolution">Window length.</param>
/// <param name="WindowStart">Start of the window, UTC.</param>
/// <param name="ReadingCount">Readings aggregated into the window.</param>
/// <param name="Metrics">Statistics per metric; only the requested metric when the query named one.</param>
public sealed record RollupRow(
    string DeviceId,
    string DeviceType,
    string Site,
    Resolution Resolution,
    DateTimeOffset WindowStart,
    long ReadingCount,
    IReadOnlyDictionary<string, MetricStats> Metrics);
