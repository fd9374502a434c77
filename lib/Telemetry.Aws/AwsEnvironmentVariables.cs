namespace Telemetry.Aws;

/// <summary>The standard variables every AWS SDK reads; named once so local and AWS runs configure the same way.</summary>
public static class AwsEnvironmentVariables
{
    public const string Region = "AWS_REGION";
    public const string DefaultRegion = "AWS_DEFAULT_REGION";
    public const string EndpointUrl = "AWS_ENDPOINT_URL";

    /// <summary>Followed by the service id in upper case, for example <c>AWS_ENDPOINT_URL_KINESIS</c>.</summary>
    public const string ServiceEndpointUrlPrefix = "AWS_ENDPOINT_URL_";

    public const string IgnoreConfiguredEndpointUrls = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
}
