namespace Telemetry.Aws.Pulumi;

/// <summary>Runs the Pulumi CLI; tests substitute it so that they need neither Pulumi nor a stack.</summary>
public interface IPulumiCommand
{
    /// <summary>Runs <c>pulumi</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits for it.</summary>
    /// <exception cref="AwsConfigurationException">The Pulumi CLI is not installed.</exception>
    Task<PulumiCommandResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken);
}
