using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Cli;

/// <summary>The real client, configured from the environment like any AWS SDK client (region, credentials, AWS_ENDPOINT_URL_KINESIS).</summary>
public sealed class EnvironmentKinesisClientFactory : IKinesisClientFactory
{
    // The sender retries with its own backoff and counts every re-send; retries inside the client would multiply
    // its attempts and hide from those counts.
    public KinesisTarget Create(string? region) => new(new KinesisClient(new KinesisClientOptions { Region = region, MaxRetries = 0 }));
}
