using Telemetry.Functions.Events;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Aggregation;

// Between Lambda's Kinesis event and the stream records the shared processing path takes.
internal static class KinesisEventMapping
{
    public static IReadOnlyList<StreamRecord> ToStreamRecords(KinesisEvent kinesisEvent) =>
        [.. kinesisEvent.Records.Select(ToStreamRecord)];

    /// <summary>The response that restarts each shard at its lowest record whose effect was not stored.</summary>
    public static StreamsEventResponse ToResponse(BatchOutcome outcome) =>
        new([.. outcome.RestartPoints().Select(r => new BatchItemFailure(r.SequenceNumber))]);

    private static StreamRecord ToStreamRecord(KinesisEventRecord record) =>
        new(ShardIdOf(record), record.Kinesis.SequenceNumber, record.Kinesis.PartitionKey, record.Kinesis.Data, ArrivalTime(record));

    // eventID is "<shardId>:<sequenceNumber>"; it is the only place the event names the shard.
    private static string ShardIdOf(KinesisEventRecord record)
    {
        var separator = record.EventId.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            ? record.EventId[..separator]
            : throw new InvalidDataException($"Event ID '{record.EventId}' does not start with '<shardId>:'.");
    }

    private static DateTimeOffset ArrivalTime(KinesisEventRecord record) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(record.Kinesis.ApproximateArrivalTimestamp * 1000));
}
