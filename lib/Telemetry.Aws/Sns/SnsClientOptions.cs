using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Sns;

/// <summary>How an <see cref="SnsClient"/> is set up; the endpoint variable is AWS_ENDPOINT_URL_SNS.</summary>
public sealed record SnsClientOptions : AwsClientOptions;
