using Amazon;
using Amazon.Runtime;

namespace Telemetry.Aws;

/// <summary>Resolves the region like the AWS SDKs: explicit value, AWS_REGION, AWS_DEFAULT_REGION, then the SDK's chain.</summary>
public static class AwsRegionResolver
{
    public static RegionEndpoint Resolve(string? explicitRegion, AwsClientEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = FirstNonBlank(explicitRegion, environment.Variable(AwsEnvironmentVariables.Region), environment.Variable(AwsEnvironmentVariables.DefaultRegion));
        if (name is not null)
        {
            return RegionEndpoint.GetBySystemName(name);
        }

        RegionEndpoint? fromSdk;
        try
        {
            fromSdk = environment.SdkRegion();
        }
        catch (AmazonClientException ex)
        {
            throw new AwsConfigurationException(MissingRegionMessage, ex);
        }

        return fromSdk ?? throw new AwsConfigurationException(MissingRegionMessage);
    }

    public const string MissingRegionMessage =
        "No AWS region: set AWS_REGION (for example AWS_REGION=us-east-1), or select a profile that sets one " +
        "with AWS_PROFILE, or use --stack NAME to take the region of a deployed stack.";

    private static string? FirstNonBlank(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
