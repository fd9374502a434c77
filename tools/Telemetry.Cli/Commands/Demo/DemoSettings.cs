using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Cli.Commands.Local;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Demo;

public sealed class DemoSettings : LocalUpCommand.Settings
{
    [CommandOption("--devices <N>")]
    [Description("Simulated devices. Example: --devices 50")]
    [DefaultValue(20)]
    public int Devices { get; init; } = 20;

    [CommandOption("--duration <TIME>")]
    [Description("How long the simulator sends: 30s, 2m, 1h.")]
    [DefaultValue("30s")]
    public string Duration { get; init; } = "30s";

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

    [CommandOption("--json")]
    [Description("Print one JSON object (sent, counted, …) instead of the pretty summary.")]
    public bool Json { get; init; }

    public TimeSpan ParsedDuration => Durations.TryParse(Duration, out var d) ? d : TimeSpan.Zero;

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

        if (ParsedCatchUpTimeout <= TimeSpan.Zero)
        {
            return ValidationResult.Error($"--catch-up-timeout '{CatchUpTimeout}' is not a positive duration.");
        }

        return double.IsFinite(Rate) && Rate > 0 && Rate <= 100
            ? ValidationResult.Success()
            : ValidationResult.Error($"--rate must be a number above 0 and at most 100 (got {Rate}).");
    }
}
