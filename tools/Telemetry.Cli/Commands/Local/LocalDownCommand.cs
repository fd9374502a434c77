using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

public sealed class LocalDownCommand(IAnsiConsole console) : AsyncCommand<LocalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LocalSettings settings, CancellationToken cancellationToken)
    {
        var stopped = await LocalStack.DownAsync(settings.ResolvedDataDirectory);
        console.MarkupLine(stopped ? "[green]Local stack stopped.[/] Data is kept; [bold]./telemetry local reset[/] deletes it." : "No local stack is recorded here; nothing to stop.");
        return ExitCodes.Ok;
    }
}
