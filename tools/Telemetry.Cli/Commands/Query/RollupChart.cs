using System.Globalization;
using ScottPlot;
using Telemetry.Processing;

namespace Telemetry.Cli.Commands.Query;

/// <summary>
/// A PNG of a device's windows, one panel per metric: the min–max band, the mean and the p95, over the queried range.
/// Colours are from the Okabe–Ito palette, which readers with any common colour-vision deficiency can tell apart,
/// and the p95 is dashed as well, so the lines differ in more than colour.
/// </summary>
internal static class RollupChart
{
    private const int Width = 1200;
    private const int PanelHeight = 300;
    private static readonly Color Blue = Color.FromHex("#0072B2");
    private static readonly Color Vermillion = Color.FromHex("#D55E00");

    public static void WritePng(IReadOnlyList<RollupSeries> series, string deviceId, Resolution resolution, string path)
    {
        var multiplot = new Multiplot();
        foreach (var (metric, index) in series.Select((m, i) => (m, i)))
        {
            var points = metric.Columns
                .Select((stats, i) => (Stats: stats, X: (metric.From + (metric.ColumnLength * i) + (metric.ColumnLength / 2)).UtcDateTime.ToOADate()))
                .Where(p => p.Stats is not null)
                .Select(p => (p.X, Stats: p.Stats!.Value))
                .ToList();
            // A new multiplot holds one plot already.
            var plot = index == 0 ? multiplot.GetPlot(0) : multiplot.AddPlot();

            var band = plot.Add.FillY(points.Select(p => (p.X, p.Stats.Min, p.Stats.Max)).ToList());
            band.FillColor = Blue.WithAlpha(0.2);
            band.LineWidth = 0;
            band.LegendText = "min–max";

            var mean = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Stats.Mean).ToArray());
            mean.Color = Blue;
            mean.LineWidth = 2;
            mean.MarkerSize = points.Count > 60 ? 0 : 4;
            mean.LegendText = "mean";

            var p95 = points.Where(p => p.Stats.Percentile(0.95) is not null).ToList();
            if (p95.Count > 0)
            {
                var line = plot.Add.Scatter(p95.Select(p => p.X).ToArray(), p95.Select(p => p.Stats.Percentile(0.95)!.Value).ToArray());
                line.Color = Vermillion;
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dashed;
                line.MarkerSize = 0;
                line.LegendText = "p95";
            }

            plot.Title($"{deviceId} · {metric.Metric} · {resolution.Code()} windows");
            plot.YLabel(RollupSeries.LabelOf(metric.Metric));
            var axis = plot.Axes.DateTimeTicksBottom();
            // After the ticks: DateTimeTicksBottom puts in a new axis, without the label.
            plot.XLabel($"time (UTC) from {metric.From.UtcDateTime:yyyy-MM-dd HH:mm}");
            var span = metric.ColumnLength * metric.Columns.Count;
            var format = span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : span > TimeSpan.FromMinutes(30) ? "HH:mm" : "HH:mm:ss";
            if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            {
                // The default is the culture's full date and time under every tick; the date is in the axis label.
                ticks.LabelFormatter = t => t.ToString(format, CultureInfo.InvariantCulture);
            }

            plot.ShowLegend(Alignment.UpperLeft);
        }

        multiplot.SavePng(path, Width, PanelHeight * Math.Max(1, series.Count));
    }
}
