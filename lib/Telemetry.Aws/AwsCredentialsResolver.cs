using Amazon.Runtime;

namespace Telemetry.Aws;

/// <summary>Explicit credentials, else the SDK's default chain (environment, profile, web identity, container, instance).</summary>
public static class AwsCredentialsResolver
{
    public const string MissingCredentialsMessage =
        "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, select a profile with AWS_PROFILE, " +
        "or run where a role is available. For the local stack: eval \"$(./telemetry local env)\".";

    public static AWSCredentials Resolve(AWSCredentials? explicitCredentials, AwsClientEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (explicitCredentials is not null)
        {
            return explicitCredentials;
        }

        try
        {
            return environment.SdkCredentials() ?? throw new AwsConfigurationException(MissingCredentialsMessage);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsConfigurationException($"{MissingCredentialsMessage} ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }
}
