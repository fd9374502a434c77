namespace Telemetry.Aws.Kinesis;

public sealed record StreamSummary(
    string StreamName,
    string StreamArn,
    string StreamStatus,
    int OpenShardCount,
    int RetentionPeriodHours);

/// <summary>A shard; it is closed once <see cref="EndingSequenceNumber"/> is set (after a split or merge).</summary>
public sealed record Shard(
    string ShardId,
    string? ParentShardId,
    string? AdjacentParentShardId,
    string StartingHashKey,
    string EndingHashKey,
    string StartingSequenceNumber,
    string? EndingSequenceNumber)
{
    public bool IsClosed => EndingSequenceNumber is not null;
}

public sealed record PutRecordsEntry(ReadOnlyMemory<byte> Data, string PartitionKey, string? ExplicitHashKey = null);

/// <summary>Per-entry outcome, in request order.</summary>
public sealed record PutRecordsResultEntry(string? SequenceNumber, string? ShardId, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;
}

public sealed record PutRecordsResult(int FailedRecordCount, IReadOnlyList<PutRecordsResultEntry> Entries);

public enum ShardIteratorType
{
    TrimHorizon,
    Latest,
    AtSequenceNumber,
    AfterSequenceNumber,
    AtTimestamp,
}

public sealed record ShardIteratorPosition(ShardIteratorType Type, string? SequenceNumber = null, DateTimeOffset? Timestamp = null)
{
    public static ShardIteratorPosition TrimHorizon { get; } = new(ShardIteratorType.TrimHorizon);

    public static ShardIteratorPosition Latest { get; } = new(ShardIteratorType.Latest);

    public static ShardIteratorPosition AtSequenceNumber(string sequenceNumber) => new(ShardIteratorType.AtSequenceNumber, sequenceNumber);

    public static ShardIteratorPosition AfterSequenceNumber(string sequenceNumber) => new(ShardIteratorType.AfterSequenceNumber, sequenceNumber);

    public static ShardIteratorPosition AtTimestamp(DateTimeOffset timestamp) => new(ShardIteratorType.AtTimestamp, Timestamp: timestamp);
}

public sealed record KinesisRecord(
    string SequenceNumber,
    DateTimeOffset ApproximateArrivalTimestamp,
    ReadOnlyMemory<byte> Data,
    string PartitionKey);

public sealed record ChildShard(string ShardId, IReadOnlyList<string> ParentShards);

/// <summary>
/// <see cref="NextShardIterator"/> is null once a closed shard is exhausted; then
/// <see cref="ChildShards"/> names where reading continues.
/// </summary>
public sealed record GetRecordsResult(
    IReadOnlyList<KinesisRecord> Records,
    string? NextShardIterator,
    long MillisBehindLatest,
    IReadOnlyList<ChildShard> ChildShards);
