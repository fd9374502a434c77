using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Kinesis;

/// <summary>How a <see cref="KinesisClient"/> is set up; the endpoint variable is AWS_ENDPOINT_URL_KINESIS.</summary>
public sealed record KinesisClientOptions : AwsClientOptions
{
    /// <summary>ListShards MaxResults; null lets the service choose (tests use a small page to exercise paging).</summary>
    internal int? ListShardsPageSize { get; init; }
}
