using System.Text.Json.Serialization;

namespace Telemetry.Aws.Kinesis;

// The JSON shapes of the Kinesis_20131202 API, as sent and received; KinesisClient maps them to the public models.

internal sealed record CreateStreamRequest(string StreamName, int ShardCount);

internal sealed record StreamNameRequest(string StreamName);

internal sealed record ListShardsRequest(string? StreamName, string? NextToken, int? MaxResults);

internal sealed record GetShardIteratorRequest(string StreamName, string ShardId, string ShardIteratorType, string? StartingSequenceNumber, decimal? Timestamp);

internal sealed record GetRecordsRequest(string ShardIterator, int Limit);

internal sealed record SplitShardRequest(string StreamName, string ShardToSplit, string NewStartingHashKey);

internal sealed record DescribeStreamSummaryResponse(StreamDescriptionSummaryWire? StreamDescriptionSummary);

internal sealed record StreamDescriptionSummaryWire(
    string StreamName,
    [property: JsonPropertyName("StreamARN")] string StreamArn,
    string StreamStatus,
    int? OpenShardCount,
    int RetentionPeriodHours);

internal sealed record ListShardsResponse(IReadOnlyList<ShardWire>? Shards, string? NextToken);

internal sealed record ShardWire(
    string ShardId,
    string? ParentShardId,
    string? AdjacentParentShardId,
    HashKeyRangeWire HashKeyRange,
    SequenceNumberRangeWire SequenceNumberRange);

internal sealed record HashKeyRangeWire(string StartingHashKey, string EndingHashKey);

internal sealed record SequenceNumberRangeWire(string StartingSequenceNumber, string? EndingSequenceNumber);

internal sealed record PutRecordsResponse(int FailedRecordCount, IReadOnlyList<PutRecordsResultEntryWire>? Records);

internal sealed record PutRecordsResultEntryWire(string? SequenceNumber, string? ShardId, string? ErrorCode, string? ErrorMessage);

internal sealed record GetShardIteratorResponse(string? ShardIterator);

internal sealed record GetRecordsResponse(
    IReadOnlyList<RecordWire>? Records,
    string? NextShardIterator,
    long? MillisBehindLatest,
    IReadOnlyList<ChildShardWire>? ChildShards);

internal sealed record RecordWire(string SequenceNumber, double ApproximateArrivalTimestamp, byte[] Data, string PartitionKey);

internal sealed record ChildShardWire(string ShardId, IReadOnlyList<string>? ParentShards);
