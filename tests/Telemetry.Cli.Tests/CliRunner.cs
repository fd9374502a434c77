using Spectre.Console.Testing;
using Telemetry.Aws.Pulumi;

namespace Telemetry.Cli.Tests;

/// <summary>Runs the real command tree in-process against a test console.</summary>
internal static class CliRunner
{
    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new PulumiProcess(), args);

    public static async Task<(int ExitCode, string Output)> RunAsync(IPulumiCommand pulumi, params string[] args)
    {
        var console = new TestConsole().Width(250);
        var exitCode = await TelemetryApp.Create(console, pulumi).RunAsync(args, CancellationToken.None);
        return (exitCode, console.Output);
    }
}
