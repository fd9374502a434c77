using System.ComponentModel;
using Spectre.Console.Cli;
using Spectre.Console;
using Telemetry.Cli.Commands.Local;

namespace Telemetry.Cli.Commands;

public class TargetSettings : LocalSettings
{
    [CommandOption("--target <auto|local|aws>")]
    [Description("Where to read and write. 'local': the running local stack. 'aws': the standard AWS variables (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_*). 'auto' (default): local when a local stack is running here, else aws.")]
    [DefaultValue("auto")]
    public string Target { get; init; } = "auto";

    public override ValidationResult Validate() =>
        Target is "auto" or "local" or "aws"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--target must be auto, local or aws (got '{Target}').");
}
