using Spectre.Console;

namespace Telemetry.Producer.Cli;

/// <summary>The console a command-line program of the project writes to.</summary>
public static class ProcessConsole
{
    // Wide enough for the widest table (rejected records with sequence numbers) without wrapping.
    private const int RedirectedWidth = 250;

    /// <summary>
    /// The standard console; when output goes to a file or a pipe, wide instead of the 80 columns Spectre assumes
    /// when it cannot ask a terminal, so that tables and lines are not wrapped.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
