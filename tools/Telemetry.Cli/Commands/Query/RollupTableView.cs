using System.Globalization;
using Spectre.Console;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Query;

internal static class RollupTableView
{
    public static Table Render(IEnumerable<RollupRow> rows)
    {
        var table = new Table().AddColumns("window start (UTC)", "metric", "count", "mean", "min", "p50", "p95", "p99", "max", "stddev");
        foreach (var row in rows)
        {
            foreach (var (metric, stats) in row.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                table.AddRow(
                    row.WindowStart.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    Markup.Escape(metric),
                    stats.Count.ToString(CultureInfo.InvariantCulture),
                    Format(stats.Mean),
                    Format(stats.Min),
                    Format(stats.Percentile(0.5)),
                    Format(stats.Percentile(0.95)),
                    Format(stats.Percentile(0.99)),
                    Format(stats.Max),
                    Format(stats.StandardDeviation));
            }
        }

        return table;
    }

    // A window stored before windows kept sketches has no percentiles (docs/percentiles.md).
    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–";
}
