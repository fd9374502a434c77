using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Cli.Commands.Bench;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Storage;

namespace Telemetry.Cli.Commands.Cost;

/// <summary>
/// A month of the pipeline in AWS for a fleet, per service and per million readings: measured usage per reading (a
/// bench result) times dated list prices, beside the per-reading-write baseline and provisioned Kinesis.
/// </summary>
public sealed class CostCommand(IAnsiConsole console) : Command<CostSettings>
{
    public override int Execute(CommandContext context, CostSettings settings, CancellationToken cancellationToken)
    {
        var benchPath = settings.Bench ?? NewestBenchResult();
        if (benchPath is null || !File.Exists(benchPath))
        {
            console.MarkupLineInterpolated($"[red]{(benchPath is null ? "No bench result in .telemetry/bench-results" : $"No file {benchPath}")}: the cost model prices what 'telemetry bench' measured. Run './telemetry bench' first (about 7 minutes), or give --bench FILE.[/]");
            return ExitCodes.Usage;
        }

        var pricesPath = settings.Prices ?? Path.Combine(LocalToolsFolder.RepoRoot, "config", "aws-prices.json");
        MeasuredUsage usage;
        PriceList prices;
        try
        {
            usage = MeasuredUsage.Load(benchPath);
            prices = PriceList.Load(pricesPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return ExitCodes.Usage;
        }

        var workload = Workload(settings);
        var estimates = CostModel.Estimate(workload, usage, prices);
        var report = new CostReport(workload, usage, prices, pricesPath, estimates);
        if (settings.Json)
        {
            JsonOutput.Write(console, report.ToJson());
        }
        else
        {
            report.Write(console);
        }

        return ExitCodes.Ok;
    }

    private static string? NewestBenchResult()
    {
        var folder = BenchStack.ResultsDirectory(BenchStack.DefaultDataDirectory);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "bench-*.json").Order(StringComparer.Ordinal).LastOrDefault() : null;
    }

    // The shape of the deployment comes from the same files the deployment reads.
    private static Workload Workload(CostSettings settings)
    {
        var (recordBytes, compression) = ReadingSample.Measure(settings.Devices);
        var archive = PipelineConfig.Archive();
        var memory = PipelineConfig.MemorySizes().ToDictionary(f => f.Key, f => f.Value / 1024.0, StringComparer.Ordinal);

        return new Workload(
            settings.Devices,
            settings.Rate,
            recordBytes,
            compression,
            PipelineConfig.StreamConsumers().Count + (archive is null ? 0 : 1),
            memory,
            PipelineConfig.Schedules().Select(s => s.Every).DefaultIfEmpty(TimeSpan.FromMinutes(1)).Min(),
            settings.AlertsPerDeviceDay,
            AggregatorSettings.DefaultMinuteRollupTtl,
            archive?.BufferingInterval ?? TimeSpan.FromSeconds(60),
            (archive?.BufferingSizeMb ?? 5) * 1024.0 * 1024);
    }
}
