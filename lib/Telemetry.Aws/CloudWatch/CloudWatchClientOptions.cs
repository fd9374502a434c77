using Telemetry.Aws.Wire;

namespace Telemetry.Aws.CloudWatch;

/// <summary>How a <see cref="CloudWatchClient"/> is set up; the endpoint variable is AWS_ENDPOINT_URL_CLOUDWATCH.</summary>
public sealed record CloudWatchClientOptions : AwsClientOptions;
