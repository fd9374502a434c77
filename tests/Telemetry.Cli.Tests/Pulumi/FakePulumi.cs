using Telemetry.Aws.Pulumi;

namespace Telemetry.Cli.Tests.Pulumi;

// Answers every call with one canned result and records what it was asked.
internal sealed class FakePulumi(PulumiCommandResult result) : IPulumiCommand
{
    public List<(IReadOnlyList<string> Arguments, string WorkingDirectory)> Calls { get; } = [];

    public static FakePulumi Printing(string json) => new(new PulumiCommandResult(0, json, string.Empty));

    public static FakePulumi Failing(int exitCode, string stderr) => new(new PulumiCommandResult(exitCode, string.Empty, stderr));

    public Task<PulumiCommandResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        Calls.Add((arguments, workingDirectory));
        return Task.FromResult(result);
    }
}
