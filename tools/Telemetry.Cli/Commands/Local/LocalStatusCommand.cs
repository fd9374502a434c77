using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using Telemetry.Contracts;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

public sealed class LocalStatusCommand(IAnsiConsole console) : Command<LocalStatusCommand.Settings>
{
    public sealed class Settings : LocalSettings
    {
        [CommandOption("--json")]
        [Description("Print one JSON object instead of a table.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var state = LocalStackState.Load(settings.ResolvedDataDirectory);
        if (settings.Json)
        {
            var report = new Dictionary<string, object?>
            {
                ["running"] = state?.AllRunning ?? false,
                ["emulators"] = state?.Processes.Select(p => new Dictionary<string, object>
                {
                    ["kind"] = p.Kind.ToString(),
                    ["endpoint"] = p.Endpoint.ToString(),
                    ["pid"] = p.ProcessId,
                    ["running"] = p.IsRunning(),
                }).ToList(),
            };
            JsonOutput.Write(console, JsonSerializer.Serialize(report));
        }
        else if (state is null)
        {
            console.MarkupLine("No local stack is recorded. Start one with [bold]telemetry local up[/].");
        }
        else
        {
            WriteTable(console, state);
        }

        return state?.AllRunning == true ? ExitCodes.Ok : ExitCodes.Failed;
    }

    internal static void WriteTable(IAnsiConsole console, LocalStackState state)
    {
        var table = new Table().AddColumns("emulator", "endpoint", "pid", "state");
        foreach (var process in state.Processes)
        {
            table.AddRow(
                Markup.Escape(process.Kind.ToString()),
                Markup.Escape(process.Endpoint.ToString()),
                process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                process.IsRunning() ? "[green]running[/]" : "[red]stopped[/]");
        }

        console.Write(table);
    }
}
