using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Telemetry.Cli.Commands.Replay;

public sealed class ReplaySettings : TargetSettings
{
    public const string Stdout = "stdout";

    public const string Rollups = "rollups";

    public const string Alerts = "alerts";

    // Arrivals are stamped by the stream's clock, not this machine's (kinesalite even stamps a new child shard's
    // first second ahead of time): the default end reaches a little past now, so the tip is not cut short.
    private static readonly TimeSpan TipMargin = TimeSpan.FromSeconds(5);

    [CommandOption("--from <TIME>")]
    [Description("Required. Replay what arrived at or after this time: ISO-8601 (2026-11-26T10:00:00Z) or a duration ago (2h, -2h).")]
    public string? From { get; init; }

    [CommandOption("--to <TIME>")]
    [Description("Stop at what arrived before this time, same forms as --from. Default: the tip when the replay starts, give or take a few seconds.")]
    public string? To { get; init; }

    [CommandOption("-d|--device <ID>")]
    [Description("Only this device's readings; repeat for several. Example: --device thermostat-0001")]
    public string[] Devices { get; init; } = [];

    [CommandOption("--into <stdout|rollups|alerts|FILE.ndjson>")]
    [Description("Where the readings go: stdout or a new file ending in .ndjson (NDJSON, one reading per line; a file is written whole or not at all); 'rollups': applied through the aggregator's own processing, where a reading already counted changes nothing; 'alerts': through the alerter's, where a reading already applied changes nothing and one never applied may raise or clear an alert (published on the bus).")]
    [DefaultValue(Stdout)]
    public string Into { get; init; } = Stdout;

    [CommandOption("--rebuild")]
    [Description("With --into rollups: recompute the windows from --from on (to --to) from scratch, as if every reading in the stream were processed once; --from is aligned down to its hour (printed). Safe while the aggregator runs; an interrupted rebuild is finished by running it again.")]
    public bool Rebuild { get; init; }

    [CommandOption("--no-archive")]
    [Description("Read the stream only. By default, what arrived from --from before the oldest record the stream keeps (trimmed, or from before the stream was created) is read from the archive first.")]
    public bool NoArchive { get; init; }

    [CommandOption("--dry-run")]
    [Description("Read and count what would be replayed (with --rebuild: and the windows it would recompute); write nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--json")]
    [Description("Print the summary as one JSON object on stdout: {\"from\", \"to\", \"records\", \"readings\", \"notReadings\", \"devices\", …}. Not with --into stdout, which carries the readings.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        var target = base.Validate();
        if (!target.Successful)
        {
            return target;
        }

        if (From is null)
        {
            return ValidationResult.Error("--from is required. Example: ./telemetry replay --from 2h --into replay.ndjson");
        }

        if (TimeArgument.Problem(("--from", From), ("--to", To)) is { } problem)
        {
            return ValidationResult.Error(problem);
        }

        if (Devices.Any(string.IsNullOrWhiteSpace))
        {
            return ValidationResult.Error("--device needs a device id. Example: --device thermostat-0001");
        }

        if (Into != Stdout && Into != Rollups && Into != Alerts && !Into.EndsWith(".ndjson", StringComparison.Ordinal))
        {
            return ValidationResult.Error($"--into must be stdout, rollups, alerts, or a file ending in .ndjson (got '{Into}').");
        }

        if (Rebuild && !IntoRollups)
        {
            return ValidationResult.Error($"--rebuild recomputes rollup windows: it needs --into rollups (got --into {Into}). Alert state is a fold over each device's whole history, not windows: --into alerts applies what the alerter missed. Example: ./telemetry replay --from 2h --into rollups --rebuild");
        }

        if (IntoFile && !DryRun && Path.GetDirectoryName(Path.GetFullPath(Into)) is { } folder && !Directory.Exists(folder))
        {
            return ValidationResult.Error($"--into {Into}: the folder {folder} does not exist.");
        }

        if (IntoFile && !DryRun && File.Exists(Into))
        {
            return ValidationResult.Error($"--into {Into}: the file exists; remove it or name another.");
        }

        return Json && Into == Stdout && !DryRun
            ? ValidationResult.Error("--json prints the summary on stdout, which --into stdout fills with readings: use --into FILE.ndjson or --dry-run.")
            : ValidationResult.Success();
    }

    internal bool IntoRollups => Into == Rollups;

    internal bool IntoAlerts => Into == Alerts;

    /// <summary>Into a consumer's processing (rollups or alerts) rather than as NDJSON.</summary>
    internal bool IntoConsumer => IntoRollups || IntoAlerts;

    private bool IntoFile => Into != Stdout && !IntoConsumer;

    /// <summary>The range, given the time now.</summary>
    /// <exception cref="ArgumentException">A --from in the future, an empty range, or --to before --from.</exception>
    internal (DateTimeOffset From, DateTimeOffset To) Range(DateTimeOffset now)
    {
        var from = TimeArgument.Parse(From!, now);
        var to = To is null ? now + TipMargin : TimeArgument.Parse(To, now);

        if (from > now)
        {
            throw new ArgumentException($"--from ({from:O}) is in the future; nothing has arrived there yet.");
        }

        return to < from
            ? throw new ArgumentException($"--to ({to:O}) is before --from ({from:O}).")
            : to == from
                ? throw new ArgumentException($"--from and --to are the same instant ({from:O}): an empty range.")
                : (from, to);
    }
}
