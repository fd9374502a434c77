using Telemetry.Aws.JsonProtocol;

namespace Telemetry.Aws.Kinesis;

/// <summary>Between the wire shapes and the public models.</summary>
internal static class KinesisWireMapping
{
    public static string IteratorTypeName(ShardIteratorType type) => type switch
    {
        ShardIteratorType.TrimHorizon => "TRIM_HORIZON",
        ShardIteratorType.Latest => "LATEST",
        ShardIteratorType.AtSequenceNumber => "AT_SEQUENCE_NUMBER",
        ShardIteratorType.AfterSequenceNumber => "AFTER_SEQUENCE_NUMBER",
        ShardIteratorType.AtTimestamp => "AT_TIMESTAMP",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown shard iterator type."),
    };

    public static decimal ToEpochSeconds(DateTimeOffset timestamp) => AwsJsonTimestamp.ToEpochSeconds(timestamp);

    /// <summary>Arrival times have millisecond precision; rounding removes the binary floating-point noise.</summary>
    public static DateTimeOffset FromEpochSeconds(double seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));

    public static StreamSummary ToModel(StreamDescriptionSummaryWire wire) =>
        new(wire.StreamName, wire.StreamArn, wire.StreamStatus, wire.OpenShardCount ?? 0, wire.RetentionPeriodHours);

    public static Shard ToModel(ShardWire wire) => new(
        wire.ShardId,
        wire.ParentShardId,
        wire.AdjacentParentShardId,
        wire.HashKeyRange.StartingHashKey,
        wire.HashKeyRange.EndingHashKey,
        wire.SequenceNumberRange.StartingSequenceNumber,
        wire.SequenceNumberRange.EndingSequenceNumber);

    public static PutRecordsResult ToModel(PutRecordsResponse wire)
    {
        var records = wire.Records ?? [];
        var entries = new PutRecordsResultEntry[records.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = records[i];
            entries[i] = new PutRecordsResultEntry(entry.SequenceNumber, entry.ShardId, entry.ErrorCode, entry.ErrorMessage);
        }

        return new PutRecordsResult(wire.FailedRecordCount, entries);
    }

    public static GetRecordsResult ToModel(GetRecordsResponse wire)
    {
        var records = wire.Records ?? [];
        var mapped = new KinesisRecord[records.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            var record = records[i];
            mapped[i] = new KinesisRecord(record.SequenceNumber, FromEpochSeconds(record.ApproximateArrivalTimestamp), record.Data, record.PartitionKey);
        }

        var children = wire.ChildShards?.Select(c => new ChildShard(c.ShardId, c.ParentShards ?? [])).ToArray() ?? [];
        return new GetRecordsResult(mapped, wire.NextShardIterator, wire.MillisBehindLatest ?? 0, children);
    }
}
