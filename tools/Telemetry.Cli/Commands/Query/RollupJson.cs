using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Query;

/// <summary>The machine-readable shape of a rollup row (stable names for scripts).</summary>
internal static class RollupJson
{
    public static Dictionary<string, object> From(RollupRow row) => new()
    {
        ["deviceId"] = row.DeviceId,
        ["deviceType"] = row.DeviceType,
        ["site"] = row.Site,
        ["resolution"] = row.Resolution.Code(),
        ["windowStart"] = row.WindowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["readings"] = row.ReadingCount,
        ["metrics"] = row.Metrics.ToDictionary(
            m => m.Key,
            m => new Dictionary<string, double?>
            {
                ["count"] = m.Value.Count,
                ["sum"] = m.Value.Sum,
                ["min"] = m.Value.Min,
                ["max"] = m.Value.Max,
                ["mean"] = m.Value.Mean,
                ["stddev"] = m.Value.StandardDeviation,
                // Null for a window stored before windows kept sketches (docs/percentiles.md).
                ["p50"] = m.Value.Percentile(0.5),
                ["p95"] = m.Value.Percentile(0.95),
                ["p99"] = m.Value.Percentile(0.99),
            }),
    };
}
