using Spectre.Console;

namespace Telemetry.Cli;

internal static class JsonOutput
{
    // Straight to the writer: the console would wrap long lines at its width and break the JSON.
    public static void Write(IAnsiConsole console, string json)
    {
        console.Profile.Out.Writer.WriteLine(json);
        console.Profile.Out.Writer.Flush();
    }
}
