using Amazon;
using Amazon.Runtime;

namespace Telemetry.Aws.Tests.Support;

/// <summary>An <see cref="AwsClientEnvironment"/> made of a dictionary, with no profile region and no SDK credentials.</summary>
internal static class TestEnvironment
{
    public static AwsClientEnvironment With(
        IReadOnlyDictionary<string, string>? variables = null,
        RegionEndpoint? sdkRegion = null,
        AWSCredentials? sdkCredentials = null) => new(
            name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            () => sdkRegion,
            () => sdkCredentials ?? throw new AmazonClientException("Failed to resolve AWS credentials.\nException 1 of 1: none."));

    public static AwsClientEnvironment Empty { get; } = With();
}
