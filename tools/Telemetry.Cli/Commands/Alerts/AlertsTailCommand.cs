using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>
/// Follows alert events live through a queue of its own attached to the fan-out (docs/alerts-tail.md): one line per
/// event, each transition once, until Ctrl+C, <c>--for</c> or <c>--count</c>.
/// </summary>
public sealed class AlertsTailCommand(IAnsiConsole console, TimeProvider time, IPulumiCommand pulumi, StandardError standardError)
    : AsyncCommand<AlertsTailCommand.Settings>
{
    public sealed class Settings : TargetSettings
    {
        [CommandOption("--device <ID>")]
        [Description("Only this device's events. Example: --device thermostat-0001")]
        public string? Device { get; init; }

        [CommandOption("--rule <ID>")]
        [Description("Only this rule's events ('silence' for DeviceSilent and DeviceResumed). Example: --rule thermostat-overheat")]
        public string? Rule { get; init; }

        [CommandOption("--for <TIME>")]
        [Description("Stop after this long: 30s, 5m, 1h. Default: until Ctrl+C.")]
        public string? For { get; init; }

        [CommandOption("--count <N>")]
        [Description("Stop after N events (after the filters). Example: --count 4")]
        public int? Count { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object per event (NDJSON): the event's detail with its detailType.")]
        public bool Json { get; init; }

        public TimeSpan? Duration => For is not null && Durations.TryParse(For, out var d) ? d : null;

        public override ValidationResult Validate()
        {
            var target = base.Validate();
            if (!target.Successful)
            {
                return target;
            }

            if (For is not null && Duration is not { TotalSeconds: > 0 })
            {
                return ValidationResult.Error($"--for '{For}' is not a positive duration ({Durations.Examples}).");
            }

            return Count is <= 0
                ? ValidationResult.Error($"--count is a number of events, 1 or more (got {Count}).")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var log = standardError.Writer;
        var target = await AlertFeedTarget.ResolveAsync(settings, pulumi, AwsClientEnvironment.Process, cancellationToken);
        using var sqs = target.Sqs();
        await using var feed = await AlertFeed.OpenAsync(sqs, target.Subscriber, target.AlertQueueName, "tail", time, w => log.WriteLine($"alerts tail: {w}"), cancellationToken);
        await log.WriteLineAsync(
            $"Following alert events from {feed.Source} ({target.Name}) through queue {feed.QueueName}, removed when this ends. "
            + (settings.Duration is { } d ? $"Stops after {Durations.Format(d)}" : "Ctrl+C to stop") + (settings.Count is { } n ? $" or {n} event(s)." : "."));

        var shown = 0;
        var deadline = settings.Duration is { } duration ? time.GetUtcNow() + duration : DateTimeOffset.MaxValue;
        try
        {
            while (settings.Count is not { } limit || shown < limit)
            {
                var left = deadline - time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                foreach (var alert in await feed.NextAsync(left, cancellationToken))
                {
                    if ((settings.Device is not null && alert.DeviceId != settings.Device)
                        || (settings.Rule is not null && (alert.RuleId ?? "silence") != settings.Rule)
                        || (settings.Count is { } max && shown >= max))
                    {
                        continue;
                    }

                    // Flushed per line and never wrapped: a pipe sees each event as it arrives.
                    JsonOutput.Write(console, settings.Json ? AlertLine.Json(alert) : AlertLine.Text(alert));
                    shown++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the normal way to stop following.
        }

        await log.WriteLineAsync($"alerts tail: {shown} event(s); removing queue {feed.QueueName}.");
        return ExitCodes.Ok;
    }
}
