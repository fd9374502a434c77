using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Processing.Streams;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>Reads one invocation record's range of its shard back from the stream.</summary>
/// <param name="Records">The records still in the stream, in shard order.</param>
/// <param name="LostToRetention">Records of the batch no longer in the stream (trimmed after the retention period).</param>
/// <param name="Problem">Why the range could not be read at all (the stream is not there), else null.</param>
public sealed record RangeRead(IReadOnlyList<StreamRecord> Records, int LostToRetention, string? Problem = null);

/// <summary>
/// <c>GetShardIterator</c> AT_SEQUENCE_NUMBER the range's start, then <c>GetRecords</c> until its end, within the
/// documented limits: at most 10 000 records a call and five calls a second per shard.
/// </summary>
public sealed class ShardRangeReader(IKinesisClient kinesis, TimeProvider time)
{


    public async Task<RangeRead> ReadAsync(InvocationRecord range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var start = SequenceNumber.Parse(range.StartSequenceNumber);
        var end = SequenceNumber.Parse(range.EndSequenceNumber);
        var records = new List<StreamRecord>();
        string? iterator;
        try
        {
            iterator = await kinesis.GetShardIteratorAsync(
                range.StreamName, range.ShardId, ShardIteratorPosition.AtSequenceNumber(range.StartSequenceNumber), cancellationToken);
        }
        catch (KinesisInvalidArgumentException)
        {
            // A start no longer in the shard (trimmed) is refused by some implementations: read what is left of the range.
            iterator = await kinesis.GetShardIteratorAsync(range.StreamName, range.ShardId, ShardIteratorPosition.TrimHorizon, cancellationToken);
        }
        catch (KinesisResourceNotFoundException)
        {
            return await StreamExistsAsync(range.StreamName, cancellationToken)
                ? new RangeRead([], range.BatchSize) // A closed shard disappears once the retention period has passed over all of it.
                : new RangeRead([], 0, $"the record names stream '{range.StreamName}' ({range.StreamArn}), which does not exist here");
        }

        var emptyPages = 0;
        var pace = new GetRecordsPace(time);
        while (iterator is not null)
        {
            await pace.WaitTurnAsync(cancellationToken);
            GetRecordsResult page;
            try
            {
                page = await kinesis.GetRecordsAsync(iterator, Math.Min(GetRecordsPace.MaxRecordsPerCall, Math.Max(1, range.BatchSize - records.Count)), cancellationToken);
            }
            catch (KinesisExpiredIteratorException)
            {
                var position = records.Count == 0
                    ? ShardIteratorPosition.AtSequenceNumber(range.StartSequenceNumber)
                    : ShardIteratorPosition.AfterSequenceNumber(records[^1].SequenceNumber);
                iterator = await kinesis.GetShardIteratorAsync(range.StreamName, range.ShardId, position, cancellationToken);
                continue;
            }

            foreach (var record in page.Records)
            {
                var sequence = SequenceNumber.Parse(record.SequenceNumber);
                if (sequence > end)
                {
                    return Done();
                }

                if (sequence >= start)
                {
                    records.Add(StreamRecord.FromBytes(range.ShardId, record.SequenceNumber, record.PartitionKey, record.Data.Span, record.ApproximateArrivalTimestamp));
                }
            }

            if (records.Count > 0 && SequenceNumber.Parse(records[^1].SequenceNumber) == end)
            {
                return Done();
            }

            emptyPages = page.Records.Count == 0 && page.MillisBehindLatest == 0 ? emptyPages + 1 : 0;
            if (emptyPages >= GetRecordsPace.EmptyPagesAtTip)
            {
                return Done();
            }

            iterator = page.NextShardIterator;
        }

        return Done();

        // Lambda's batch held batchSize consecutive records of the shard; whatever of them is missing was trimmed.
        RangeRead Done() => new(records, Math.Max(0, range.BatchSize - records.Count));
    }

    private async Task<bool> StreamExistsAsync(string streamName, CancellationToken cancellationToken)
    {
        try
        {
            await kinesis.DescribeStreamSummaryAsync(streamName, cancellationToken);
            return true;
        }
        catch (KinesisResourceNotFoundException)
        {
            return false;
        }
    }
}
