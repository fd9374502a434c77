using System.Text.Json.Serialization;

namespace Telemetry.Aws.Kinesis;

// Case-insensitive like the error bodies, whose servers disagree on "message" and "Message".
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateStreamRequest))]
[JsonSerializable(typeof(StreamNameRequest))]
[JsonSerializable(typeof(ListShardsRequest))]
[JsonSerializable(typeof(GetShardIteratorRequest))]
[JsonSerializable(typeof(GetRecordsRequest))]
[JsonSerializable(typeof(SplitShardRequest))]
[JsonSerializable(typeof(DescribeStreamSummaryResponse))]
[JsonSerializable(typeof(ListShardsResponse))]
[JsonSerializable(typeof(PutRecordsResponse))]
[JsonSerializable(typeof(GetShardIteratorResponse))]
[JsonSerializable(typeof(GetRecordsResponse))]
internal sealed partial class KinesisJsonContext : JsonSerializerContext;
