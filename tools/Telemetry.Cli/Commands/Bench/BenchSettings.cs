using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Cli.Commands.Local;

namespace Telemetry.Cli.Commands.Bench;

public sealed class BenchSettings : CommandSettings
{
    [CommandOption("--devices <N>")]
    [Description("Devices of the steady run, each sending --rate readings per second. Example: --devices 2000")]
    [DefaultValue(200)]
    public int Devices { get; init; } = 200;

    [CommandOption("--rate <PER_SECOND>")]
    [Description("Readings per second per device in the steady run.")]
    [DefaultValue(1.0)]
    public double Rate { get; init; } = 1.0;

    [CommandOption("--duration <TIME>")]
    [Description("How long the steady run sends. Longer runs weigh the partial flush intervals at its ends less. Example: --duration 10m")]
    [DefaultValue("5m")]
    public string Duration { get; init; } = "5m";

    [CommandOption("--flush-interval <TIME>")]
    [Description("The aggregator's flush interval for the bench stack, instead of TumblingWindowInSeconds of config/pipeline.json (60s); 0s writes once per batch. Example: --flush-interval 0s")]
    public string? FlushInterval { get; init; }

    [CommandOption("--producer-readings <N>")]
    [Description("Readings each producer puts per round (the raw loop, then the simulator unpaced).")]
    [DefaultValue(20_000)]
    public int ProducerReadings { get; init; } = 20_000;

    [CommandOption("--rounds <N>")]
    [Description("Producer rounds; each figure is quoted as min/median/max over them.")]
    [DefaultValue(3)]
    public int Rounds { get; init; } = 3;

    [CommandOption("--latency-devices <N>")]
    [Description("Devices whose rollups are polled for the end-to-end latency (produced → visible).")]
    [DefaultValue(5)]
    public int LatencyDevices { get; init; } = 5;

    [CommandOption("--shards <N>")]
    [Description("Shards of the bench stack's stream.")]
    [DefaultValue(2)]
    public int Shards { get; init; } = 2;

    [CommandOption("--catch-up-timeout <TIME>")]
    [Description("How long to wait, after the steady run and one flush interval, for the aggregator, the baseline and the latency sample.")]
    [DefaultValue("3m")]
    public string CatchUpTimeout { get; init; } = "3m";

    [CommandOption("--data-dir <DIR>")]
    [Description("The bench stack's folder, wiped at the start of every run; the bench refuses a folder it did not make. Default: .telemetry/bench in the repository.")]
    public string? DataDirectory { get; init; }

    public string ResolvedDataDirectory => DataDirectory is null ? BenchStack.DefaultDataDirectory : Path.GetFullPath(DataDirectory);

    [CommandOption("--keep")]
    [Description("Leave the bench stack running afterwards (stop it with './telemetry local down --data-dir DIR').")]
    public bool Keep { get; init; }

    [CommandOption("--aggregate")]
    [Description("The steady run's simulator packs readings into KPL aggregated records, so the consumers read and unpack those. Example: --aggregate")]
    public bool Aggregate { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object with every figure instead of the tables.")]
    public bool Json { get; init; }

    public TimeSpan ParsedDuration => Durations.TryParse(Duration, out var d) ? d : TimeSpan.Zero;

    public TimeSpan ParsedCatchUpTimeout => Durations.TryParse(CatchUpTimeout, out var d) ? d : TimeSpan.Zero;

    public TimeSpan? ParsedFlushInterval => FlushInterval is not null && Durations.TryParse(FlushInterval, out var d) ? d : null;

    public override ValidationResult Validate()
    {
        string? problem = this switch
        {
            { Devices: < 1 or > 100_000 } => $"--devices must be between 1 and 100000 (got {Devices}).",
            _ when !double.IsFinite(Rate) || Rate <= 0 || Rate > 100 => $"--rate must be a number above 0 and at most 100 (got {Rate}).",
            _ when ParsedDuration < TimeSpan.FromSeconds(5) => $"--duration '{Duration}' must be a duration of at least 5s (examples: 30s, 3m, 10m).",
            _ when Rate * ParsedDuration.TotalSeconds < 1 => $"--rate {Rate} for --duration {Duration} is less than one reading per device; give a longer duration.",
            _ when ParsedCatchUpTimeout <= TimeSpan.Zero => $"--catch-up-timeout '{CatchUpTimeout}' is not a positive duration.",
            _ when LocalUpCommand.Settings.FlushIntervalProblem(FlushInterval) is { } flushProblem => flushProblem,
            { ProducerReadings: < 500 or > 1_000_000 } => $"--producer-readings must be between 500 and 1000000 (got {ProducerReadings}).",
            { Rounds: < 1 or > 20 } => $"--rounds must be between 1 and 20 (got {Rounds}).",
            { LatencyDevices: < 1 or > 100 } => $"--latency-devices must be between 1 and 100 (got {LatencyDevices}).",
            { Shards: < 1 or > 100 } => $"--shards must be between 1 and 100 (got {Shards}).",
            _ => null,
        };
        return problem is null ? ValidationResult.Success() : ValidationResult.Error(problem);
    }
}
