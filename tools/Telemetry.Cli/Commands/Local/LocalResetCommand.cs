using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

public sealed class LocalResetCommand(IAnsiConsole console) : AsyncCommand<LocalResetCommand.Settings>
{
    public sealed class Settings : LocalSettings
    {
        [CommandOption("-y|--yes")]
        [Description("Delete without asking. Example: ./telemetry local reset --yes")]
        public bool Yes { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var directory = settings.ResolvedDataDirectory;
        if (!settings.Yes && !(console.Profile.Capabilities.Interactive && await console.ConfirmAsync($"Delete all local data in {directory}?", defaultValue: false, cancellationToken)))
        {
            console.MarkupLine("Nothing deleted. Pass [bold]--yes[/] to reset without a prompt.");
            return ExitCodes.Usage;
        }

        await LocalStack.ResetAsync(directory);
        console.MarkupLineInterpolated($"[green]Local stack stopped and {directory} deleted.[/]");
        return ExitCodes.Ok;
    }
}
