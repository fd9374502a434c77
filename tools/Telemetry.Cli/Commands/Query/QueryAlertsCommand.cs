using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Commands.Query;

/// <summary>The alert history: episodes raised (and cleared) by the alerter and the watchdog, by start time.</summary>
public sealed class QueryAlertsCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi) : AsyncCommand<QueryAlertsCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--device <ID>")]
        [Description("Only this device. Example: --device thermostat-0001")]
        public string? Device { get; init; }

        [CommandOption("--rule <ID>")]
        [Description("Only this rule of config/alert-rules.json ('silence' for the watchdog's episodes). Example: --rule thermostat-overheat")]
        public string? Rule { get; init; }

        [CommandOption("--state <open|cleared>")]
        [Description("Only episodes still open, or only those that ended.")]
        public string? State { get; init; }

        [CommandOption("--since <TIME>")]
        [Description("Episodes that started from this time on: ISO 8601 (2026-11-26T10:00:00Z) or a duration ago (2h, 7d).")]
        [DefaultValue("7d")]
        public string Since { get; init; } = "7d";

        [CommandOption("--json")]
        [Description("Print a JSON array of episodes instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            if (!target.Successful)
            {
                return target;
            }

            if (State is not null and not (AlertEpisodeView.Open or AlertEpisodeView.Cleared))
            {
                return ValidationResult.Error($"--state must be 'open' or 'cleared' (got '{State}').");
            }

            return TimeArgument.TryParse(Since, DateTimeOffset.UnixEpoch.AddYears(100), out _)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--since '{Since}' is neither an ISO 8601 time (2026-11-26T10:00:00Z) nor a duration ago ({Durations.Examples}).");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        TimeArgument.TryParse(settings.Since, now, out var since);
        if (since > now)
        {
            console.MarkupLineInterpolated($"[red]--since {settings.Since} is in the future.[/]");
            return ExitCodes.Usage;
        }

        var target = await PipelineTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var dynamo = target.DynamoDb();
        var rows = await new AlertEpisodeReader(dynamo, target.TableName).QueryAsync(since, now, cancellationToken);
        var episodes = rows.Select(AlertEpisodeView.From).Where(e => e.Matches(settings.Device, settings.Rule, settings.State)).ToList();

        if (settings.Json)
        {
            JsonOutput.Write(console, episodes);
            return ExitCodes.Ok;
        }

        if (episodes.Count == 0)
        {
            console.MarkupLineInterpolated($"No alert episodes started since {ReadingCodec.FormatTimestamp(since)} match ({target.Name}, table {target.TableName}).");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("started", "device", "rule", "severity", "state", "value", "threshold", "ended");
        foreach (var e in episodes)
        {
            table.AddRow(
                Markup.Escape(ReadingCodec.FormatTimestamp(e.StartedAt)),
                Markup.Escape(e.DeviceId),
                Markup.Escape(e.RuleId ?? e.Kind),
                Markup.Escape(e.Severity ?? ""),
                e.State == AlertEpisodeView.Open ? "[red]open[/]" : "cleared",
                Number(e.RaisedValue),
                Number(e.Threshold),
                Markup.Escape(e.EndedAt is { } ended ? ReadingCodec.FormatTimestamp(ended) : ""));
        }

        console.Write(table);
        console.MarkupLineInterpolated($"{episodes.Count} episode(s), {episodes.Count(e => e.State == AlertEpisodeView.Open)} open.");
        return ExitCodes.Ok;
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}
