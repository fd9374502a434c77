using Amazon.Runtime;

namespace Telemetry.Aws.Wire;

/// <summary>
/// How a wire client of the project is set up. Anything left null is resolved like the AWS SDKs do it, from
/// <see cref="Environment"/>: region from AWS_REGION / AWS_DEFAULT_REGION / profile, credentials from the default
/// chain, endpoint from AWS_ENDPOINT_URL_&lt;SERVICE&gt; / AWS_ENDPOINT_URL / the public regional endpoint.
/// </summary>
public abstract record AwsClientOptions
{
    public Uri? ServiceUrl { get; init; }

    public string? Region { get; init; }

    public AWSCredentials? Credentials { get; init; }

    /// <summary>The transport under the signing handler. The client does not dispose a handler passed here.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Retries of a whole call after the first attempt, for throttling, 5xx and transport errors.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Clock of the retry delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of the retry jitter; tests make it deterministic.</summary>
    public Random Jitter { get; init; } = Random.Shared;

    public AwsClientEnvironment Environment { get; init; } = AwsClientEnvironment.Process;
}
