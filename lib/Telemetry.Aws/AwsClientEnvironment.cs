using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Telemetry.Aws;

/// <summary>
/// Where a client looks for its configuration when it is not given explicitly: environment variables, then the
/// SDK's own chains (profiles, container and instance roles). Tests substitute each source.
/// </summary>
/// <param name="Variable">Reads one environment variable.</param>
/// <param name="SdkRegion">The SDK's region chain (profile, instance metadata); null when it finds none.</param>
/// <param name="SdkCredentials">The SDK's default credential chain; throws when it finds none.</param>
public sealed record AwsClientEnvironment(
    Func<string, string?> Variable,
    Func<RegionEndpoint?> SdkRegion,
    Func<AWSCredentials> SdkCredentials)
{
    // The SDK caches what the chain resolved inside the resolver, so one instance serves the process.
    private static readonly DefaultAWSCredentialsIdentityResolver DefaultCredentials = new();

    public static AwsClientEnvironment Process { get; } = new(
        Environment.GetEnvironmentVariable,
        FallbackRegionFactory.GetRegionEndpoint,
        () => DefaultCredentials.ResolveIdentity(null));
}
