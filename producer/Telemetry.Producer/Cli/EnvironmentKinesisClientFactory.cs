using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Cli;

/// <summary>The real client, configured from the environment like any AWS SDK client (region, credentials, AWS_ENDPOINT_URL_KINESIS).</summary>
public sealed class EnvironmentKinesisClientFactory : IKinesisClientFactory
{
    public IKinesisClient Create(string? region) => new KinesisClient(new KinesisClientOptions { Region = region });
}
