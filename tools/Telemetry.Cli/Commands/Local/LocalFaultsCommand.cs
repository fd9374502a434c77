using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Faults;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

/// <summary>Shows or switches the fault profile of the local stack's fault proxy, for trying the pipeline under faults by hand.</summary>
public sealed class LocalFaultsCommand(IAnsiConsole console) : AsyncCommand<LocalFaultsCommand.Settings>
{
    public sealed class Settings : LocalSettings
    {
        [CommandArgument(0, "[PROFILE]")]
        [Description("A profile of config/fault-profiles.json (off, flaky, dynamodb-outage, …). Without it, shows what is injected now.")]
        public string? Profile { get; init; }

        [CommandOption("--for <TIME>")]
        [Description("How long the profile stays on before the proxy switches it off by itself. Default: 10m. Example: --for 2m")]
        [DefaultValue("10m")]
        public string For { get; init; } = "10m";

        [CommandOption("--seed <N>")]
        [Description("Seed of the fault decisions; the same seed and calls give the same faults. Default: the current one. Example: --seed 7")]
        public int? Seed { get; init; }

        [CommandOption("--json")]
        [Description("Print the proxy's status as JSON.")]
        public bool Json { get; init; }

        internal TimeSpan Lease => Durations.TryParse(For, out var lease) ? lease : TimeSpan.Zero;

        public override ValidationResult Validate() =>
            Lease > TimeSpan.Zero ? ValidationResult.Success() : ValidationResult.Error($"--for must be a positive duration such as 2m (got '{For}').");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var state = LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state?.FaultProxy is not { } proxy || !proxy.IsRunning())
        {
            console.MarkupLine("[red]error:[/] no fault proxy runs for this stack; start the stack with [bold]./telemetry local up[/].");
            return ExitCodes.Failed;
        }

        using var client = new FaultProxyClient(proxy.ControlEndpoint);
        FaultProxyStatus status;
        try
        {
            status = settings.Profile is { } profile
                ? await client.SetAsync(profile, settings.Seed, profile == FaultProfile.OffName ? null : settings.Lease, cancellationToken)
                : await client.GetStatusAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.Usage;
        }

        if (settings.Json)
        {
            JsonOutput.Write(console, status);
            return ExitCodes.Ok;
        }

        var until = status.LeaseExpiresAt is { } at ? $" until {at:HH:mm:ss}Z" : string.Empty;
        console.MarkupLineInterpolated($"Faults: [bold]{status.Profile}[/]{until} (seed {status.Seed}). Profiles: {string.Join(", ", status.Profiles)}.");
        var table = new Table().AddColumns("upstream", "listens on", "calls", "entries failed", "answers dropped", "throttled", "5xx", "cut", "delayed");
        foreach (var (name, upstream) in status.Upstreams)
        {
            var c = upstream.Counters;
            table.AddRow(name, upstream.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{c.Calls}", $"{c.FailedEntries}", $"{c.DroppedResponses}", $"{c.Throttled}", $"{c.ServerErrors}", $"{c.Resets}", $"{c.Delayed}");
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}
