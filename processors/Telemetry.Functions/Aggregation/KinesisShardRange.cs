using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Aggregation;

/// <summary>
/// Reads a span of a shard again with GetShardIterator (AT_SEQUENCE_NUMBER) and GetRecords, for the rare flush that
/// must apply a window reading by reading. The function's role already has these actions: the mapping reads with it.
/// The span must come back whole, from its first record to its last, or the read fails: a short read would pass
/// for fewer readings than the window holds.
/// </summary>
/// Reads are paced like every other reader of a shard here: the mapping shares the shard's five calls a second.
internal sealed class KinesisShardRange(IKinesisClient kinesis, string streamName, TimeProvider time) : IShardRangeSource
{
    public async Task<IReadOnlyList<StreamRecord>> ReadAsync(
        string shardId, string firstSequence, string lastSequence, Func<StreamRecord, bool> keep, CancellationToken cancellationToken)
    {
        var first = SequenceNumber.Parse(firstSequence);
        var last = SequenceNumber.Parse(lastSequence);
        var kept = new List<StreamRecord>();
        string? readTo = null;
        var emptyPages = 0;
        var pace = new GetRecordsPace(time);
        string? iterator = await kinesis.GetShardIteratorAsync(streamName, shardId, ShardIteratorPosition.AtSequenceNumber(firstSequence), cancellationToken);
        while (true)
        {
            if (iterator is null)
            {
                throw new InvalidDataException($"{shardId} ended at {readTo ?? "its start"} before {lastSequence}.");
            }

            await pace.WaitTurnAsync(cancellationToken);
            GetRecordsResult page;
            try
            {
                page = await kinesis.GetRecordsAsync(iterator, GetRecordsPace.MaxRecordsPerCall, cancellationToken);
            }
            catch (KinesisExpiredIteratorException)
            {
                var position = readTo is null ? ShardIteratorPosition.AtSequenceNumber(firstSequence) : ShardIteratorPosition.AfterSequenceNumber(readTo);
                iterator = await kinesis.GetShardIteratorAsync(streamName, shardId, position, cancellationToken);
                continue;
            }

            foreach (var record in page.Records)
            {
                var sequence = SequenceNumber.Parse(record.SequenceNumber);
                if (readTo is null && sequence != first)
                {
                    throw new InvalidDataException($"{shardId} no longer holds {firstSequence}: its first record from there is {record.SequenceNumber}.");
                }

                if (sequence > last)
                {
                    throw new InvalidDataException($"{shardId} holds no record {lastSequence}: the next one is {record.SequenceNumber}.");
                }

                var streamRecord = StreamRecord.FromBytes(shardId, record.SequenceNumber, record.PartitionKey, record.Data.Span, record.ApproximateArrivalTimestamp);
                if (keep(streamRecord))
                {
                    kept.Add(streamRecord);
                }

                if (sequence == last)
                {
                    return kept;
                }

                readTo = record.SequenceNumber;
            }

            // Empty pages may come before the data; enough of them at the tip mean the shard does not hold the last record.
            emptyPages = page.Records.Count == 0 && page.MillisBehindLatest == 0 ? emptyPages + 1 : 0;
            if (emptyPages >= GetRecordsPace.EmptyPagesAtTip)
            {
                throw new InvalidDataException($"{shardId} was read to its tip at {readTo ?? "its start"} without reaching {lastSequence}.");
            }

            iterator = page.NextShardIterator;
        }
    }

    /// <summary>The stream name of a Kinesis stream ARN (<c>arn:aws:kinesis:region:account:stream/name</c>).</summary>
    public static string StreamNameOf(string streamArn)
    {
        var slash = streamArn.IndexOf(":stream/", StringComparison.Ordinal);
        return slash >= 0
            ? streamArn[(slash + ":stream/".Length)..]
            : throw new InvalidDataException($"'{streamArn}' is not a Kinesis stream ARN.");
    }
}
