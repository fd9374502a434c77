using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Query;

public sealed class QueryRollupsCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi) : AsyncCommand<QueryRollupsCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("-d|--device <ID>")]
        [Description("Device id (required). Example: --device thermostat-0001")]
        public string? Device { get; init; }

        [CommandOption("-m|--metric <NAME>")]
        [Description("Only this metric. Example: --metric temperature")]
        public string? Metric { get; init; }

        [CommandOption("--from <TIME>")]
        [Description("Start: ISO-8601 (2026-11-26T04:00:00Z) or a duration ago (15m, 2h). Default: 1h ago for 1m, 24h ago for 1h.")]
        public string? From { get; init; }

        [CommandOption("--to <TIME>")]
        [Description("End, same forms as --from. Default: now.")]
        public string? To { get; init; }

        [CommandOption("-r|--resolution <1m|1h>")]
        [Description("Window length.")]
        [DefaultValue("1m")]
        public string Resolution { get; init; } = "1m";

        [CommandOption("--json")]
        [Description("Print JSON (an array of windows) for scripts instead of a table.")]
        public bool Json { get; init; }

        [CommandOption("--png <FILE>")]
        [Description("Also write a chart: one panel per metric with its mean, p95 and min-max band. Example: --png thermostat.png")]
        public string? Png { get; init; }

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            if (!target.Successful)
            {
                return target;
            }

            if (string.IsNullOrWhiteSpace(Device))
            {
                return ValidationResult.Error("--device is required. Example: ./telemetry query rollups --device thermostat-0001");
            }

            if (!ResolutionExtensions.TryParse(Resolution, out _))
            {
                return ValidationResult.Error($"--resolution must be 1m or 1h (got '{Resolution}').");
            }

            if (Png is not null && (string.IsNullOrWhiteSpace(Png) || !Png.EndsWith(".png", StringComparison.OrdinalIgnoreCase)))
            {
                return ValidationResult.Error($"--png takes a file name ending in .png (got '{Png}').");
            }

            if (Png is not null && Path.GetDirectoryName(Path.GetFullPath(Png)) is { } folder && !Directory.Exists(folder))
            {
                return ValidationResult.Error($"--png {Png}: the folder '{folder}' does not exist.");
            }

            return TimeArgument.Problem(("--from", From), ("--to", To)) is { } problem
                ? ValidationResult.Error(problem)
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ResolutionExtensions.TryParse(settings.Resolution, out var resolution);
        var now = time.GetUtcNow();
        var from = settings.From is null ? now - (resolution == Resolution.Minute ? TimeSpan.FromHours(1) : TimeSpan.FromHours(24)) : TimeArgument.Parse(settings.From, now);
        var to = settings.To is null ? now : TimeArgument.Parse(settings.To, now);
        if (from > to)
        {
            throw new ArgumentException($"--from ({from:O}) is after --to ({to:O}).");
        }

        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var dynamo = target.DynamoDb();
        var rows = await new RollupReader(dynamo, target.TableName).QueryAsync(settings.Device!, resolution, from, to, settings.Metric, cancellationToken);

        if (settings.Png is not null && rows.Count > 0)
        {
            // A column per window up to 600, which a 1,200-pixel-wide chart still draws apart.
            RollupChart.WritePng(RollupSeries.Of(rows, resolution, from, to, maxColumns: 600), settings.Device!, resolution, settings.Png);
        }

        if (settings.Json)
        {
            JsonOutput.Write(console, rows.Select(RollupJson.From).ToList());
            return ExitCodes.Ok;
        }

        if (rows.Count == 0)
        {
            console.MarkupLineInterpolated($"No {resolution.Code()} rollups for '{settings.Device}' between {from:O} and {to:O} ({target.Name}, table {target.TableName}).");
            if (settings.Png is not null)
            {
                console.MarkupLineInterpolated($"No chart written to {settings.Png}: nothing to draw.");
            }

            return ExitCodes.Ok;
        }

        console.Write(RollupTableView.Render(rows));
        // The sparklines take what the terminal has left beside their labels and ranges, at most one column per window.
        var label = rows.SelectMany(r => r.Metrics.Keys).Distinct().Max(m => RollupSeries.LabelOf(m).Length);
        var columns = Math.Max(10, console.Profile.Width - label - 40);
        foreach (var line in RollupSparklines.Render(RollupSeries.Of(rows, resolution, from, to, columns)))
        {
            console.WriteLine(line);
        }

        if (settings.Png is not null)
        {
            console.MarkupLineInterpolated($"Chart written to {settings.Png}.");
        }

        return ExitCodes.Ok;
    }
}
