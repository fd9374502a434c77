using Telemetry.Processing;
using Telemetry.Producer.Devices;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Query;

/// <summary>
/// One metric's windows laid out on a time axis of at most a given number of columns: when the range holds more
/// windows than columns, each column merges consecutive windows exactly (their statistics and sketches), so a column's
/// mean and p95 are those of its readings. A column no window falls in is null: a gap, not a zero.
/// </summary>
internal sealed record RollupSeries(string Metric, DateTimeOffset From, TimeSpan ColumnLength, IReadOnlyList<MetricStats?> Columns)
{
    public static IReadOnlyList<RollupSeries> Of(IReadOnlyList<RollupRow> rows, Resolution resolution, DateTimeOffset from, DateTimeOffset to, int maxColumns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 1);
        if (rows.Count == 0)
        {
            return [];
        }

        var window = resolution.Duration();
        var first = resolution.WindowStart(Min(from, rows.Min(r => r.WindowStart)));
        var end = resolution.WindowStart(Max(to, rows.Max(r => r.WindowStart))) + window;
        var windows = (int)((end - first).Ticks / window.Ticks);

        // Columns start at multiples of their length (5-minute columns at :00, :05, …), so that a chart redrawn a
        // minute later merges the same windows into the same columns instead of shifting every point.
        var perColumn = (windows + maxColumns - 1) / maxColumns;
        DateTimeOffset start;
        int columns;
        while (true)
        {
            var length = window.Ticks * perColumn;
            start = first.AddTicks(-((first - DateTimeOffset.UnixEpoch).Ticks % length));
            columns = (int)(((end - start).Ticks + length - 1) / length);
            if (columns <= maxColumns)
            {
                break;
            }

            perColumn++;
        }

        return rows.SelectMany(r => r.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).Select(metric =>
        {
            var merged = new MetricStats?[columns];
            foreach (var row in rows)
            {
                if (row.Metrics.TryGetValue(metric, out var stats) && stats.Count > 0)
                {
                    var column = (int)((row.WindowStart - start).Ticks / window.Ticks) / perColumn;
                    merged[column] = merged[column] is { } held ? held.Merge(stats) : stats;
                }
            }

            return new RollupSeries(metric, start, window * perColumn, merged);
        }).ToList();
    }

    /// <summary>A metric's label in the terminal and on charts, with its unit where known.</summary>
    public static string LabelOf(string metric) => DeviceKinds.Unit(metric) is { } unit ? $"{metric} ({unit})" : metric;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
