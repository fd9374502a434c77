using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Telemetry.Cli.Commands.Cost;

public sealed class CostSettings : CommandSettings
{
    [CommandOption("--devices <N>")]
    [Description("Devices in the fleet. Example: --devices 100000")]
    [DefaultValue(1000)]
    public int Devices { get; init; } = 1000;

    [CommandOption("--rate <PER_SECOND>")]
    [Description("Readings per second per device. Example: --rate 0.1 (one every 10 s)")]
    [DefaultValue(1.0)]
    public double Rate { get; init; } = 1.0;

    [CommandOption("--bench <FILE>")]
    [Description("A result of 'telemetry bench' (its JSON). Default: the newest in .telemetry/bench-results.")]
    public string? Bench { get; init; }

    [CommandOption("--prices <FILE>")]
    [Description("The price list. Default: config/aws-prices.json (us-east-1, dated, each price with its source).")]
    public string? Prices { get; init; }

    [CommandOption("--alerts-per-device-day <N>")]
    [Description("Alert events per device per day, for EventBridge, SNS and SQS (they depend on the fleet, not on the pipeline).")]
    [DefaultValue(1.0)]
    public double AlertsPerDeviceDay { get; init; } = 1.0;

    [CommandOption("--json")]
    [Description("Print one JSON object: every variant with its priced lines, total and cost per million readings.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() => this switch
    {
        { Devices: < 1 or > 10_000_000 } => ValidationResult.Error($"--devices must be between 1 and 10000000 (got {Devices})."),
        _ when !double.IsFinite(Rate) || Rate <= 0 || Rate > 1000 => ValidationResult.Error($"--rate must be a number above 0 and at most 1000 (got {Rate})."),
        _ when !double.IsFinite(AlertsPerDeviceDay) || AlertsPerDeviceDay < 0 => ValidationResult.Error($"--alerts-per-device-day must be 0 or more (got {AlertsPerDeviceDay})."),
        _ => ValidationResult.Success(),
    };
}
