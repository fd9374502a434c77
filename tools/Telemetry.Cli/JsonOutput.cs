using System.Text.Json;
using Spectre.Console;

namespace Telemetry.Cli;

/// <summary>Every <c>--json</c> of the CLI goes through here: one casing (camelCase), one line, never wrapped.</summary>
internal static class JsonOutput
{
    // Dictionary keys are data (metric names, shard ids) and are written as they are.
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write<T>(IAnsiConsole console, T value) => Write(console, JsonSerializer.Serialize(value, Options));

    // Straight to the writer: the console would wrap long lines at its width and break the JSON.
    public static void Write(IAnsiConsole console, string json)
    {
        console.Profile.Out.Writer.WriteLine(json);
        console.Profile.Out.Writer.Flush();
    }
}
