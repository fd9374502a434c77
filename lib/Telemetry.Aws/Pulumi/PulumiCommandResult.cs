namespace Telemetry.Aws.Pulumi;

/// <summary>What a <c>pulumi</c> run printed and how it ended.</summary>
/// <param name="ExitCode">The process exit code; 0 is success.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr (Pulumi's error messages).</param>
public sealed record PulumiCommandResult(int ExitCode, string StandardOutput, string StandardError);
