using Telemetry.Cli.Commands.Query;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Tests.Query;

public class RollupChartsTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static RollupRow Row(int minute, params double[] temperatures) => new(
        "thermostat-0001", "thermostat", "site-a", Resolution.Minute, Ten.AddMinutes(minute), temperatures.Length,
        new Dictionary<string, MetricStats> { ["temperature"] = temperatures.Aggregate(MetricStats.Empty, (s, t) => s.Add(t)) });

    [Fact]
    public void Of_FewerWindowsThanColumns_OneColumnPerWindowWithGapsAsNull()
    {
        var series = Assert.Single(RollupSeries.Of([Row(0, 20), Row(2, 22)], Resolution.Minute, Ten, Ten.AddMinutes(3), maxColumns: 100));

        Assert.Equal(TimeSpan.FromMinutes(1), series.ColumnLength);
        Assert.Equal([20.0, null, 22.0, null], series.Columns.Select(c => c?.Mean));
    }

    [Fact]
    public void Of_MoreWindowsThanColumns_MergesNeighboursExactlyNotByAveragingTheirMeans()
    {
        var series = Assert.Single(RollupSeries.Of([Row(0, 10), Row(1, 20, 20, 20)], Resolution.Minute, Ten, Ten.AddMinutes(1), maxColumns: 1));

        var column = Assert.Single(series.Columns)!.Value;
        Assert.Equal(TimeSpan.FromMinutes(2), series.ColumnLength);
        Assert.Equal(17.5, column.Mean);
        Assert.Equal(4, column.Quantiles!.Count);
    }

    [Fact]
    public void Of_RangeMovedOnByAMinute_MergesTheSameWindowsIntoTheSameColumns()
    {
        // As the dashboard asks every poll: the last 30 minutes, then the same a minute later.
        var rows = Enumerable.Range(0, 60).Select(m => Row(m, m)).ToList();
        IReadOnlyList<RollupRow> Between(int first, int last) => [.. rows.Where(r => r.WindowStart >= Ten.AddMinutes(first) && r.WindowStart <= Ten.AddMinutes(last))];

        var before = Assert.Single(RollupSeries.Of(Between(1, 30), Resolution.Minute, Ten.AddMinutes(1), Ten.AddMinutes(30), maxColumns: 6));
        var after = Assert.Single(RollupSeries.Of(Between(2, 31), Resolution.Minute, Ten.AddMinutes(2), Ten.AddMinutes(31), maxColumns: 6));

        Assert.Equal(TimeSpan.FromMinutes(6), before.ColumnLength);
        Assert.Equal(Ten, before.From);
        Assert.Equal(Ten, after.From);
        Assert.Equal([8.5, 14.5, 20.5, 26.5], before.Columns.Skip(1).Take(4).Select(c => c?.Mean));
        Assert.Equal(before.Columns.Skip(1).Take(4).Select(c => c?.Mean), after.Columns.Skip(1).Take(4).Select(c => c?.Mean));
    }

    [Fact]
    public void Of_AlignedColumnsWouldNotFit_TakesLongerColumnsRatherThanMoreThanAllowed()
    {
        // 10 windows from 10:03: five 2-minute columns unaligned, but aligned at 10:02 they would need six.
        var rows = Enumerable.Range(3, 10).Select(m => Row(m, m)).ToList();

        var series = Assert.Single(RollupSeries.Of(rows, Resolution.Minute, Ten.AddMinutes(3), Ten.AddMinutes(12), maxColumns: 5));

        Assert.True(series.Columns.Count <= 5);
        Assert.Equal(0, (series.From - DateTimeOffset.UnixEpoch).Ticks % series.ColumnLength.Ticks);
        Assert.Equal(10, series.Columns.Sum(c => c?.Count ?? 0));
    }

    [Fact]
    public void Render_RisingMeans_DrawsRisingBlocksAndTheP95AboveOnTheSameScale()
    {
        var rows = Enumerable.Range(0, 8).Select(m => Row(m, Enumerable.Range(0, 20).Select(i => m + (i / 10.0)).ToArray())).ToList();

        var lines = RollupSparklines.Render(RollupSeries.Of(rows, Resolution.Minute, Ten, Ten.AddMinutes(7), maxColumns: 100)).ToList();

        Assert.Equal(3, lines.Count);
        Assert.Contains("one column per 1m", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("temperature (°C)  mean ▁", lines[1], StringComparison.Ordinal);
        var mean = lines[1].Split("mean ")[1][..8];
        var p95 = lines[2].Split("p95  ")[1][..8];
        Assert.Equal(string.Concat(mean.Order()), mean);
        Assert.True(p95.Zip(mean).All(p => p.First >= p.Second), $"p95 {p95} under mean {mean}");
    }

    [Fact]
    public void Render_WindowsStoredWithoutSketches_DrawsTheMeanOnly()
    {
        var row = Row(0, 20) with { Metrics = new Dictionary<string, MetricStats> { ["temperature"] = new(1, 20, 20, 20, 400) } };

        var lines = RollupSparklines.Render(RollupSeries.Of([row], Resolution.Minute, Ten, Ten, maxColumns: 10)).ToList();

        Assert.Equal(2, lines.Count);
        Assert.DoesNotContain(lines, l => l.Contains("p95", StringComparison.Ordinal));
    }

    [Fact]
    public void WritePng_OneMetric_WritesAPngOnePanelHigh()
    {
        var rows = Enumerable.Range(0, 30).Select(m => Row(m, 20 + Math.Sin(m / 5.0), 21 + Math.Sin(m / 5.0))).ToList();
        var path = Path.Combine(Directory.CreateTempSubdirectory("telemetry-chart-").FullName, "chart.png");

        RollupChart.WritePng(RollupSeries.Of(rows, Resolution.Minute, Ten, Ten.AddMinutes(29), 600), "thermostat-0001", Resolution.Minute, path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(300, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 10_000, $"a chart of {bytes.Length} bytes is too small to hold a drawn panel");
    }
}
