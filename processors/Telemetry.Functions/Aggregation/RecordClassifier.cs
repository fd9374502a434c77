using Telemetry.Contracts;
using Telemetry.Functions.Events;
using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Aggregation;

// Turns one Lambda Kinesis record into an accepted reading or a reject with its reason.
internal static class RecordClassifier
{
    public const string InvalidBase64 = "InvalidBase64";
    public const string TooLate = "TooLate";

    public static ClassifiedRecord Classify(KinesisEventRecord record, DateTimeOffset now, AggregationOptions options)
    {
        var shardId = ShardIdOf(record);
        var sequenceText = record.Kinesis.SequenceNumber;
        if (!SequenceNumber.TryParse(sequenceText, out var sequence))
        {
            // Not a record Kinesis could have produced; failing loudly beats guessing where it sits in the shard.
            throw new InvalidDataException($"Record {record.EventId} has an invalid sequence number '{sequenceText}'.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(record.Kinesis.Data);
        }
        catch (FormatException ex)
        {
            return Reject(InvalidBase64, ex.Message);
        }

        var decoded = ReadingDecoder.Decode(bytes, now);
        if (!decoded.IsAccepted)
        {
            return Reject(decoded.Reason.ToString(), decoded.Message);
        }

        var reading = decoded.Reading;
        if (EventTimePolicy.Judge(reading, now, options) == LatenessVerdict.TooLate)
        {
            return Reject(
                TooLate,
                $"Device timestamp {ReadingCodec.FormatTimestamp(reading.Timestamp)}: its {options.Coarsest.Code()} window closed more than {options.AllowedLateness} before {ReadingCodec.FormatTimestamp(now)}.");
        }

        return new ClassifiedRecord(shardId, sequence, sequenceText, new SequencedReading(shardId, sequence, reading), null);

        ClassifiedRecord Reject(string reason, string message) => new(shardId, sequence, sequenceText, null, Refuse(record, shardId, reason, message));
    }

    /// <summary>The reject for <paramref name="record"/>, with the record as delivered.</summary>
    public static RejectedRecord Refuse(KinesisEventRecord record, string shardId, string reason, string message) =>
        new(shardId, record.Kinesis.SequenceNumber, record.Kinesis.PartitionKey, reason, message, ArrivalTime(record), record.Kinesis.Data);

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
