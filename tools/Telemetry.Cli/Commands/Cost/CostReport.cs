using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Telemetry.Cli.Commands.Cost;

/// <summary>The priced month: the pipeline's lines, the variants side by side, and where every figure came from.</summary>
internal sealed record CostReport(Workload Workload, MeasuredUsage Usage, PriceList Prices, string PricesPath, IReadOnlyList<CostEstimate> Estimates)
{
    // Measured batches fill differently far from the bench's rate, and the Lambda lines scale with them.
    private const double ExtrapolationWarning = 4;

    public double BenchReadingsPerSecond => Usage.Devices * Usage.RatePerDevice;

    public bool Extrapolated => Workload.ReadingsPerSecond > BenchReadingsPerSecond * ExtrapolationWarning || Workload.ReadingsPerSecond < BenchReadingsPerSecond / ExtrapolationWarning
        || Math.Abs(Workload.RatePerDevice - Usage.RatePerDevice) > 1e-9;

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["devices"] = Workload.Devices,
        ["ratePerDevice"] = Workload.RatePerDevice,
        ["readingsPerMonth"] = Workload.ReadingsPerMonth,
        ["recordBytes"] = Math.Round(Workload.RecordBytes, 1),
        ["archiveCompression"] = Math.Round(Workload.ArchiveCompression, 4),
        ["bench"] = new Dictionary<string, object?>
        {
            ["file"] = Usage.File,
            ["at"] = Usage.At,
            ["devices"] = Usage.Devices,
            ["ratePerDevice"] = Usage.RatePerDevice,
            ["flushIntervalSeconds"] = Usage.FlushInterval.TotalSeconds,
            ["extrapolated"] = Extrapolated,
            ["alerterComplete"] = Usage.AlerterComplete,
            ["kplBytesPerReading"] = Usage.KplBytesPerReading is { } kpl ? Math.Round(kpl, 1) : null,
        },
        ["kplReadingsPerRecord"] = Usage.KplBytesPerReading is { } bytes ? CostModel.ReadingsPerAggregatedRecord(Workload, bytes) : null,
        ["prices"] = new Dictionary<string, object?> { ["file"] = PricesPath, ["asOf"] = Prices.AsOf, ["region"] = Prices.Region },
        ["variants"] = Estimates.Select(e => new Dictionary<string, object?>
        {
            ["name"] = e.Variant,
            ["monthlyUsd"] = Math.Round(e.TotalUsd, 2),
            ["perMillionReadingsUsd"] = Math.Round(e.PerMillionReadingsUsd, 4),
            ["lines"] = e.Lines.Select(l => new Dictionary<string, object?>
            {
                ["service"] = l.Service,
                ["item"] = l.Item,
                ["quantity"] = Math.Round(l.Quantity, 4),
                ["unit"] = l.Unit,
                ["unitPriceUsd"] = l.UnitPriceUsd,
                ["usd"] = Math.Round(l.Usd, 2),
            }).ToList(),
        }).ToList(),
    }, JsonOutput.Options);

    public void Write(IAnsiConsole console)
    {
        var main = Estimates[0];
        console.MarkupLineInterpolated($"[bold]A month in AWS ({Prices.Region}, list prices of {Prices.AsOf})[/]: {Workload.Devices:N0} devices × {Workload.RatePerDevice.ToString(CultureInfo.InvariantCulture)} reading/s = {Workload.ReadingsPerMonth / 1e6:N0} million readings, {Workload.RecordBytes:N0} bytes each");
        var lines = new Table().Title(main.Variant).AddColumns("service", "item", "quantity", "unit", "unit price", "USD / month");
        foreach (var line in main.Lines)
        {
            lines.AddRow(line.Service, Markup.Escape(line.Item), Number(line.Quantity), line.Unit, $"${line.UnitPriceUsd.ToString("0.##########", CultureInfo.InvariantCulture)}", $"{line.Usd:N2}");
        }

        console.Write(lines);
        var variants = new Table().Title("Variants").AddColumns("variant", "USD / month", "USD / million readings", "of which DynamoDB", "of which Kinesis");
        foreach (var estimate in Estimates)
        {
            variants.AddRow(Markup.Escape(estimate.Variant), $"{estimate.TotalUsd:N2}", $"{estimate.PerMillionReadingsUsd:N4}", $"{estimate.ServiceUsd("DynamoDB"):N2}", $"{estimate.ServiceUsd("Kinesis"):N2}");
        }

        console.Write(variants);
        console.MarkupLineInterpolated($"[grey]Usage per reading measured by 'telemetry bench' at {Usage.At:yyyy-MM-dd HH:mm} UTC ({Usage.Devices:N0} devices × {Usage.RatePerDevice.ToString(CultureInfo.InvariantCulture)} reading/s, flush interval {Usage.FlushInterval.TotalSeconds:N0} s): {Usage.File}[/]");
        console.MarkupLineInterpolated($"[grey]Prices: {PricesPath}; {Prices.Prices.Values.Count(p => !p.Confirmed)} of {Prices.Prices.Count} are not confirmed from AWS's own pages (see the file). Free tiers are not applied.[/]");
        if (Usage.FlushInterval > TimeSpan.Zero && Usage.AggregatorWriteUnitsPerDeviceInterval <= 0)
        {
            console.MarkupLineInterpolated($"[yellow]That bench run spanned fewer than {MeasuredUsage.SteadyIntervals} flush intervals: its rollup writes per reading are mostly partial intervals and overstate a steady fleet. A run of --duration 5m or more measures the steady state.[/]");
        }

        if (Usage.KplBytesPerReading is { } kpl)
        {
            var perRecord = CostModel.ReadingsPerAggregatedRecord(Workload, kpl);
            console.MarkupLineInterpolated($"[grey]KPL aggregation: {kpl:N1} bytes per reading as the bench's aggregated rounds put them; {perRecord:N0} readings per aggregated record (what a {CostModel.SendInterval.TotalMilliseconds:N0} ms send brings to a lane of a shard, at most a 50 KiB record). Firehose is priced per aggregated record: AWS does not say whether it rounds a stream's records before or after it unpacks them (docs/kpl-aggregation.md). Lambda and DynamoDB are priced as without aggregation.[/]");
        }
        else
        {
            console.MarkupLine("[grey]That bench result has no KPL aggregation figures (an older bench): run 'telemetry bench' again to price aggregation.[/]");
        }

        if (!Usage.AlerterComplete)
        {
            console.MarkupLine("[yellow]In that bench run the alerter had not caught up when its figures were taken: its lines undercount it.[/]");
        }

        if (Extrapolated)
        {
            console.MarkupLineInterpolated($"[yellow]This fleet sends {Workload.ReadingsPerSecond:N0} readings/s at {Workload.RatePerDevice.ToString(CultureInfo.InvariantCulture)} per device; the bench measured {BenchReadingsPerSecond:N0} at {Usage.RatePerDevice.ToString(CultureInfo.InvariantCulture)}: batches fill differently, so the Lambda and alerter lines are less certain (the rollup writes are scaled per device and flush interval). Run './telemetry bench --devices {Workload.Devices} --rate {Workload.RatePerDevice.ToString(CultureInfo.InvariantCulture)}' where the machine can.[/]");
        }
    }

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("N2", CultureInfo.InvariantCulture),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
