using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Cli;

/// <summary>Creates the Kinesis client when a command runs, so that configuration errors surface as a clear message, not at start-up.</summary>
public interface IKinesisClientFactory
{
    /// <exception cref="Telemetry.Aws.AwsConfigurationException">No region or credentials can be found.</exception>
    /// <param name="region">A region to use instead of the environment's (for example a deployed stack's), or null.</param>
    KinesisTarget Create(string? region);
}

/// <summary>A client and what it points at.</summary>
/// <param name="Client">The client.</param>
/// <param name="LocalDataDirectory">The local stack's data folder when the client points at the local stack; null for AWS.</param>
public sealed record KinesisTarget(IKinesisClient Client, string? LocalDataDirectory = null);
