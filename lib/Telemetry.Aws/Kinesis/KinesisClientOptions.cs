using Amazon.Runtime;

namespace Telemetry.Aws.Kinesis;

/// <summary>
/// How a <see cref="KinesisClient"/> is set up. Anything left null is resolved like the AWS SDKs do it, from
/// <see cref="Environment"/>: region from AWS_REGION / AWS_DEFAULT_REGION / profile, credentials from the default
/// chain, endpoint from AWS_ENDPOINT_URL_KINESIS / AWS_ENDPOINT_URL / the public regional endpoint.
/// </summary>
public sealed record KinesisClientOptions
{
    public Uri? ServiceUrl { get; init; }

    public string? Region { get; init; }

    public AWSCredentials? Credentials { get; init; }

    /// <summary>The transport under the signing handler. The client does not dispose a handler passed here.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Retries after the first attempt for throttling, 5xx and transport errors.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Clock of the retry delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public AwsClientEnvironment Environment { get; init; } = AwsClientEnvironment.Process;

    /// <summary>Source of the retry jitter; tests make it deterministic.</summary>
    internal Random Jitter { get; init; } = Random.Shared;

    /// <summary>ListShards MaxResults; null lets the service choose (tests use a small page to exercise paging).</summary>
    internal int? ListShardsPageSize { get; init; }
}
