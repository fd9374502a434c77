using System.ComponentModel;
using System.Diagnostics;

namespace Telemetry.Aws.Pulumi;

/// <summary>The installed Pulumi CLI, found on PATH.</summary>
/// <param name="executable">The program to start; another name only in tests.</param>
public sealed class PulumiProcess(string executable = PulumiProcess.DefaultExecutable) : IPulumiCommand
{
    public const string DefaultExecutable = "pulumi";

    public const string NotInstalledMessage =
        "The Pulumi CLI ('pulumi') was not found on PATH: install the Pulumi CLI, or drop --stack and name the resources yourself with AWS_REGION and TELEMETRY_STREAM / TELEMETRY_TABLE / TELEMETRY_BUCKET.";

    public async Task<PulumiCommandResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AwsConfigurationException(NotInstalledMessage);
        }
        catch (Win32Exception ex)
        {
            throw new AwsConfigurationException(NotInstalledMessage, ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new PulumiCommandResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
