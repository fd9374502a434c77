namespace Telemetry.Processing.Batches;

/// <summary>What is stored for one window: its statistics and which readings they include.</summary>
/// <param name="DeviceType">The device type, from the first reading absorbed.</param>
/// <param name="Site">The site, from the first reading absorbed.</param>
/// <param name="ReadingCount">Readings absorbed into the window.</param>
/// <param name="Metrics">Statistics per metric name.</param>
/// <param name="Absorbed">The identities of the readings absorbed, so that none is counted twice.</param>
public sealed record RollupState(
    string DeviceType,
    string Site,
    long ReadingCount,
    IReadOnlyDictionary<string, MetricStats> Metrics,
    AbsorbedReadings Absorbed);
