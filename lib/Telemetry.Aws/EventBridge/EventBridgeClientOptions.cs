using Telemetry.Aws.Wire;

namespace Telemetry.Aws.EventBridge;

/// <summary>How an <see cref="EventBridgeClient"/> is set up; the endpoint variable is AWS_ENDPOINT_URL_EVENTBRIDGE.</summary>
public sealed record EventBridgeClientOptions : AwsClientOptions;
