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

    [CommandOption("--stack <NAME>")]
    [Description("A deployed Pulumi stack: resource names and region from 'pulumi stack output --json --stack NAME' (run in the repository); credentials as usual. Implies --target aws. Example: --stack dev")]
    public string? Stack { get; init; }

    /// <summary>Where the command goes once the flags are combined: <c>--stack</c> means AWS.</summary>
    public string ResolvedTarget => Stack is null ? Target : "aws";

    public override ValidationResult Validate()
    {
        if (Target is not ("auto" or "local" or "aws"))
        {
            return ValidationResult.Error($"--target must be auto, local or aws (got '{Target}').");
        }

        if (Stack is not null && string.IsNullOrWhiteSpace(Stack))
        {
            return ValidationResult.Error("--stack needs a stack name. Example: --stack dev");
        }

        return Stack is not null && Target == "local"
            ? ValidationResult.Error($"--stack {Stack} targets a deployed stack on AWS; it cannot be combined with --target local.")
            : ValidationResult.Success();
    }
}
