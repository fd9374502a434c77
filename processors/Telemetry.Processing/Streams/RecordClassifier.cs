using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Streams;

// Turns one stream record into an accepted reading or a reject with its reason.
internal static class RecordClassifier
{
    public const string InvalidBase64 = "InvalidBase64";
    public const string TooLate = "TooLate";
    public const string CorruptAggregate = "CorruptAggregate";

    /// <summary>
    /// Classifies the user records of <paramref name="records"/>: an aggregated record's each on its own, a corrupt
    /// aggregated record as one reject of the whole record.
    /// </summary>
    public static List<ClassifiedRecord> ClassifyAll(IReadOnlyList<StreamRecord> records, DateTimeOffset now, AggregationOptions? lateness)
    {
        var users = new List<StreamRecord>(records.Count);
        var classified = new List<ClassifiedRecord>(records.Count);
        foreach (var record in records)
        {
            users.Clear();
            if (UserRecords.Unpack(record, users) is { } problem)
            {
                classified.Add(new ClassifiedRecord(record, Sequence(record), null, Refuse(record, CorruptAggregate, $"A KPL aggregated record whose checksum matches cannot be read: {problem}")));
                continue;
            }

            classified.AddRange(users.Select(u => Classify(u, now, lateness)));
        }

        return classified;
    }

    /// <summary>Decodes <paramref name="record"/> and, when <paramref name="lateness"/> is given, judges its lateness by it.</summary>
    public static ClassifiedRecord Classify(StreamRecord record, DateTimeOffset now, AggregationOptions? lateness)
    {
        var sequence = Sequence(record);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(record.Data);
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
        if (lateness is not null && EventTimePolicy.Judge(reading, now, lateness) == LatenessVerdict.TooLate)
        {
            return Reject(
                TooLate,
                $"Device timestamp {ReadingCodec.FormatTimestamp(reading.Timestamp)}: its {lateness.LatenessWindow.Code()} window closed more than {lateness.AllowedLateness} before {ReadingCodec.FormatTimestamp(now)}.");
        }

        return new ClassifiedRecord(record, sequence, new SequencedReading(record.ShardId, sequence, reading, record.SubSequence), null);

        ClassifiedRecord Reject(string reason, string message) => new(record, sequence, null, Refuse(record, reason, message));
    }

    /// <summary>The reject for <paramref name="record"/>, with the record as delivered.</summary>
    public static RejectedRecord Refuse(StreamRecord record, string reason, string message) =>
        new(record.ShardId, record.SequenceNumber, record.PartitionKey, reason, message, record.ApproximateArrivalTime, record.Data) { SubSequence = record.SubSequence };

    private static SequenceNumber Sequence(StreamRecord record) =>
        SequenceNumber.TryParse(record.SequenceNumber, out var sequence)
            ? sequence
            // Not a record Kinesis could have produced; failing loudly beats guessing where it sits in the shard.
            : throw new InvalidDataException($"Record {record.ShardId}:{record.SequenceNumber} has an invalid sequence number '{record.SequenceNumber}'.");
}
