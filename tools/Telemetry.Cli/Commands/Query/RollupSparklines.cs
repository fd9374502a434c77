using System.Globalization;

namespace Telemetry.Cli.Commands.Query;

/// <summary>
/// A metric's mean, and its p95 where the windows have one, as block characters under the table: both lines on one
/// scale, so the p95 line sits above the mean by as much as the tail is long. A gap is a space.
/// </summary>
internal static class RollupSparklines
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static IEnumerable<string> Render(IReadOnlyList<RollupSeries> series)
    {
        if (series.Count == 0)
        {
            yield break;
        }

        var first = series[0];
        var end = first.From + (first.ColumnLength * first.Columns.Count);
        yield return $"{first.From.UtcDateTime:yyyy-MM-dd HH:mm} → {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC, one column per {Contracts.Durations.Format(first.ColumnLength)}:";
        var labelWidth = series.Max(s => RollupSeries.LabelOf(s.Metric).Length);
        foreach (var metric in series)
        {
            var means = metric.Columns.Select(c => c?.Mean).ToArray();
            var p95s = metric.Columns.Select(c => c?.Percentile(0.95)).ToArray();
            var values = means.Concat(p95s).OfType<double>().ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            var (low, high) = (values.Min(), values.Max());
            yield return $"{RollupSeries.LabelOf(metric.Metric).PadRight(labelWidth)}  mean {Line(means, low, high)}  {Range(means)}";
            if (p95s.Any(p => p is not null))
            {
                yield return $"{new string(' ', labelWidth)}  p95  {Line(p95s, low, high)}  {Range(p95s)}";
            }
        }
    }

    public static string Line(IReadOnlyList<double?> values, double low, double high) =>
        string.Concat(values.Select(v => v is not { } value ? ' '
            : high <= low ? Blocks[0]
            : Blocks[(int)Math.Round((value - low) / (high - low) * (Blocks.Length - 1))]));

    private static string Range(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToArray();
        return $"{Format(present.Min())} … {Format(present.Max())}";
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
