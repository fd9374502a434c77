using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Cli;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Simulation;
using Telemetry.Cli.Commands.Local;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Processing.Alerts;

namespace Telemetry.Cli.Commands.Demo;

public sealed class DemoSettings : LocalUpCommand.Settings
{
    [CommandOption("--devices <N>")]
    [Description("Simulated devices. Example: --devices 50")]
    [DefaultValue(20)]
    public int Devices { get; init; } = 20;

    [CommandOption("--duration <TIME>")]
    [Description("How long the simulator sends: 30s, 2m, 1h. The default leaves room for every default anomaly.")]
    [DefaultValue("2m")]
    public string Duration { get; init; } = "2m";

    [CommandOption("--rate <PER_SECOND>")]
    [Description("Readings per second per device.")]
    [DefaultValue(1.0)]
    public double Rate { get; init; } = 1.0;

    [CommandOption("--seed <N>")]
    [Description("Seed of the simulated fleet; the same seed gives the same readings.")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    [CommandOption("--catch-up-timeout <TIME>")]
    [Description("How long to wait for the consumer to process everything after the simulator stops.")]
    [DefaultValue("2m")]
    public string CatchUpTimeout { get; init; } = "2m";

    [CommandOption("--faults <PROFILE>")]
    [Description("Run through the fault proxy with this profile of config/fault-profiles.json: 'flaky' fails a quarter of PutRecords entries, drops 2 % of PutRecords answers after writing, throttles or 5xx's 5 % of DynamoDB calls; 'dynamodb-outage' fails every DynamoDB call. Switched off when the demo ends (and by itself if the demo dies). Example: --faults flaky")]
    [DefaultValue("off")]
    public string Faults { get; init; } = "off";

    [CommandOption("--duplicates <RATE>")]
    [Description("As in 'simulate': fraction of readings put twice. Example: --duplicates 0.05")]
    [DefaultValue(0.0)]
    public double Duplicates { get; init; }

    [CommandOption("--out-of-order <RATE>")]
    [Description("As in 'simulate': fraction of readings sent after later readings of their device. Example: --out-of-order 0.05")]
    [DefaultValue(0.0)]
    public double OutOfOrder { get; init; }

    [CommandOption("--late <RATE>")]
    [Description("As in 'simulate': fraction of readings stamped late within the lateness (they count). Example: --late 0.05")]
    [DefaultValue(0.0)]
    public double Late { get; init; }

    [CommandOption("--too-late <RATE>")]
    [Description("As in 'simulate': fraction of readings stamped beyond the lateness (rejected as TooLate). Example: --too-late 0.02")]
    [DefaultValue(0.0)]
    public double TooLate { get; init; }

    [CommandOption("--poison <RATE>")]
    [Description("As in 'simulate': extra records of every decoder reject reason, this fraction of the readings. Example: --poison 0.02")]
    [DefaultValue(0.0)]
    public double Poison { get; init; }

    [CommandOption("--bursts <RATE>")]
    [Description("As in 'simulate': fraction of devices that buffer and flush every 10s. Example: --bursts 0.2")]
    [DefaultValue(0.0)]
    public double Bursts { get; init; }

    [CommandOption("--excursions <COUNT>")]
    [Description("As in 'simulate': devices pushed past an alert rule of config/alert-rules.json for longer than its condition, then back. Default (none of the three anomaly flags given): 2 excursions, 1 flapping and 1 silence, as many as fit the run. Example: --excursions 2")]
    public int? Excursions { get; init; }

    [CommandOption("--flapping <COUNT>")]
    [Description("As in 'simulate': devices that raise a rule, swing around its threshold inside the hysteresis band, then recover. Example: --flapping 1")]
    public int? Flapping { get; init; }

    [CommandOption("--silences <COUNT>")]
    [Description("As in 'simulate': devices that send nothing for longer than their type's silence threshold, then resume. Example: --silences 1 (--silences 0 --excursions 0 --flapping 0: no anomalies)")]
    public int? Silences { get; init; }

    [CommandOption("--aggregate")]
    [Description("As in 'simulate': readings travel in KPL aggregated records, which every consumer unpacks. Example: --aggregate")]
    public bool Aggregate { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object (sent, counted, …) instead of the pretty summary.")]
    public bool Json { get; init; }

    public TimeSpan ParsedDuration => Durations.TryParse(Duration, out var d) ? d : TimeSpan.Zero;

    public FaultOptions ToFaults() => new()
    {
        Duplicates = Duplicates,
        OutOfOrder = OutOfOrder,
        Late = Late,
        TooLate = TooLate,
        Poison = Poison,
        Bursts = Bursts,
    };

    /// <summary>Whether any anomaly flag was given; if not, the demo chooses (<see cref="ToAnomalies"/>).</summary>
    public bool AnomaliesAsked => Excursions is not null || Flapping is not null || Silences is not null;

    // Without anomaly flags: the most of these that fit the run, in this order of preference.
    private static readonly (int Excursions, int Flapping, int Silences)[] DefaultAnomalies = [(2, 1, 1), (2, 1, 0), (2, 0, 0), (1, 0, 0)];

    /// <summary>
    /// The anomalies, shaped for the repository's rules (the file the local stack's alerter reads): the flags as given,
    /// or without any, the largest default set that fits the run.
    /// </summary>
    /// <exception cref="AlertRulesException">The rules file cannot be read or used.</exception>
    public AnomalyOptions ToAnomalies()
    {
        if (!AnomaliesAsked)
        {
            return DefaultAnomalies.Select(d => Counted(d.Excursions, d.Flapping, d.Silences)).FirstOrDefault(a => Fits(a)) ?? AnomalyOptions.None;
        }

        return Counted(Excursions ?? 0, Flapping ?? 0, Silences ?? 0);
    }

    private AnomalyOptions Counted(int excursions, int flapping, int silences)
    {
        var counts = new AnomalyOptions { Excursions = excursions, Flapping = flapping, Silences = silences };
        if (!counts.Any || excursions < 0 || flapping < 0 || silences < 0)
        {
            return counts;
        }

        var path = Path.Combine(LocalToolsFolder.RepoRoot, AlertRulesFile.RelativePath);
        _rules ??= AlertRulesFile.Load(path);
        return counts with { Rules = _rules, RulesSource = path };
    }

    private bool Fits(AnomalyOptions anomalies) =>
        new SimulatorOptions { Devices = Devices, RatePerDevice = Rate, Duration = ParsedDuration, Seed = Seed, Anomalies = anomalies }.Validate().Count == 0;

    public TimeSpan ParsedCatchUpTimeout => Durations.TryParse(CatchUpTimeout, out var d) ? d : TimeSpan.Zero;

    public override ValidationResult Validate()
    {
        var stack = base.Validate();
        if (!stack.Successful)
        {
            return stack;
        }

        if (Devices is < 1 or > 10_000)
        {
            return ValidationResult.Error($"--devices must be between 1 and 10000 (got {Devices}).");
        }

        if (ParsedDuration <= TimeSpan.Zero)
        {
            return ValidationResult.Error($"--duration '{Duration}' is not a positive duration (examples: 15s, 2m, 1h).");
        }

        if (ToFaults().Validate() is [var fault, ..])
        {
            return ValidationResult.Error(fault);
        }

        if (AnomalyProblem() is { } anomalies)
        {
            return ValidationResult.Error(anomalies);
        }

        if (string.IsNullOrWhiteSpace(Faults))
        {
            return ValidationResult.Error("--faults needs a profile name, for example --faults flaky (or off).");
        }

        if (ParsedCatchUpTimeout <= TimeSpan.Zero)
        {
            return ValidationResult.Error($"--catch-up-timeout '{CatchUpTimeout}' is not a positive duration.");
        }

        return double.IsFinite(Rate) && Rate > 0 && Rate <= 100
            ? ValidationResult.Success()
            : ValidationResult.Error($"--rate must be a number above 0 and at most 100 (got {Rate}).");
    }

    // Read once: Validate and the command both build the anomalies.
    private AlertRuleSet? _rules;

    // The simulator's own check, on the options the demo will run with, so that what fails here would fail there.
    private string? AnomalyProblem()
    {
        try
        {
            var options = new SimulatorOptions { Devices = Devices, RatePerDevice = Rate, Duration = ParsedDuration, Seed = Seed, Anomalies = ToAnomalies() };
            // Defaults are chosen to fit; flags given are the user's, and what does not fit stops the demo before the stack starts.
            return AnomaliesAsked && options.Validate() is [_, ..] errors ? string.Join(Environment.NewLine, errors) : null;
        }
        catch (AlertRulesException e)
        {
            return e.Message;
        }
    }
}
