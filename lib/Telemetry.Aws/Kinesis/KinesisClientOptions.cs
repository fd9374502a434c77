using Telemetry.Aws.JsonProtocol;

namespace Telemetry.Aws.Kinesis;

/// <summary>How a <see cref="KinesisClient"/> is set up; the endpoint variable is AWS_ENDPOINT_URL_KINESIS.</summary>
public sealed record KinesisClientOptions : AwsJsonClientOptions
{
    /// <summary>ListShards MaxResults; null lets the service choose (tests use a small page to exercise paging).</summary>
    internal int? ListShardsPageSize { get; init; }
}
