using System.Runtime.CompilerServices;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// A record read back from the stream, with the shard it is in; a user record of a KPL aggregated record comes with
/// its sub-sequence number, the aggregated record's sequence number and arrival, and its own partition key and data.
/// </summary>
internal sealed record ReplayedRecord(string ShardId, KinesisRecord Record, int? SubSequence = null);

/// <summary>Where a replay is, for the progress line: records read, shards done, the arrival time reached, the lag behind the tip.</summary>
internal sealed record ReplayProgress(long Records, int ShardsDone, int Shards, DateTimeOffset? Position, long MillisBehindLatest);

/// <summary>
/// Reads every record that arrived in [from, to) from every shard, a shard after its parents, so each partition key's
/// records come out in the order they were put. One shard at a time: memory stays at one page (10,000 records at
/// most), and each shard is read at most five times a second, the GetRecords limit of AWS.
/// </summary>
internal sealed class StreamReplayReader(IKinesisClient kinesis, string streamName, TimeProvider time)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    // Arrival times are approximate: a record a little before --to may follow one a little after it in a shard, so a
    // shard ends only past --to plus this, and what lies between is left out.
    private static readonly TimeSpan ArrivalJitter = TimeSpan.FromSeconds(5);

    public async IAsyncEnumerable<ReplayedRecord> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, Action<ReplayProgress> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shards = ShardOrder.ParentsFirst(await kinesis.ListShardsAsync(streamName, cancellationToken));
        long records = 0;
        var users = new List<KplUserRecord>();
        for (var done = 0; done < shards.Count; done++)
        {
            var shardId = shards[done].ShardId;
            await foreach (var (record, behind) in ReadShardAsync(shardId, from, to, cancellationToken))
            {
                if (record is null)
                {
                    progress(new ReplayProgress(records, done, shards.Count, null, behind));
                    continue;
                }

                records++;
                // A replay is of readings, and the archive holds user records (Firehose unpacks them): so are these.
                // A corrupt aggregated record comes whole, and is rejected as the consumers reject it.
                users.Clear();
                var aggregated = KplReader.ReadOrKeep(record.Data, record.PartitionKey, users) == KplFraming.Aggregated;
                for (var i = 0; i < users.Count; i++)
                {
                    yield return new ReplayedRecord(shardId, record with { Data = users[i].Data, PartitionKey = users[i].PartitionKey }, aggregated ? i : null);
                }

                progress(new ReplayProgress(records, done, shards.Count, record.ApproximateArrivalTimestamp, behind));
            }
        }

        progress(new ReplayProgress(records, shards.Count, shards.Count, null, 0));
    }

    /// <summary>
    /// The arrival of the oldest record the stream still keeps, over every shard (from <c>TRIM_HORIZON</c>); null when
    /// it keeps none. Records that arrived before it are only in the archive, if anywhere.
    /// </summary>
    public async Task<DateTimeOffset?> EarliestArrivalAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? earliest = null;
        foreach (var shard in await kinesis.ListShardsAsync(streamName, cancellationToken))
        {
            string? iterator;
            try
            {
                iterator = await kinesis.GetShardIteratorAsync(streamName, shard.ShardId, ShardIteratorPosition.TrimHorizon, cancellationToken);
            }
            catch (KinesisResourceNotFoundException)
            {
                continue;
            }

            var emptyPages = 0;
            var pace = new GetRecordsPace(time);
            while (iterator is not null && emptyPages < GetRecordsPace.EmptyPagesAtTip)
            {
                var page = await PageAsync(iterator, 1, pace, cancellationToken);
                if (page.Records is [var first, ..])
                {
                    earliest = earliest is { } known && known <= first.ApproximateArrivalTimestamp ? known : first.ApproximateArrivalTimestamp;
                    break;
                }

                emptyPages = page.MillisBehindLatest == 0 ? emptyPages + 1 : 0;
                iterator = page.NextShardIterator;
            }
        }

        return earliest;
    }

    // Yields each record in range, and (null, lag) after each page, so progress moves on empty pages too.
    private async IAsyncEnumerable<(KinesisRecord? Record, long MillisBehind)> ReadShardAsync(
        string shardId, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? iterator;
        try
        {
            iterator = await kinesis.GetShardIteratorAsync(streamName, shardId, ShardIteratorPosition.AtTimestamp(from), cancellationToken);
        }
        catch (KinesisResourceNotFoundException)
        {
            // Listed at the start, trimmed since: a closed shard disappears once retention has passed over all of it.
            yield break;
        }

        string? last = null;
        var emptyPages = 0;
        var pace = new GetRecordsPace(time);
        while (iterator is not null)
        {
            GetRecordsResult page;
            try
            {
                page = await PageAsync(iterator, GetRecordsPace.MaxRecordsPerCall, pace, cancellationToken);
            }
            catch (KinesisExpiredIteratorException)
            {
                var position = last is null ? ShardIteratorPosition.AtTimestamp(from) : ShardIteratorPosition.AfterSequenceNumber(last);
                iterator = await kinesis.GetShardIteratorAsync(streamName, shardId, position, cancellationToken);
                continue;
            }

            foreach (var record in page.Records)
            {
                if (record.ApproximateArrivalTimestamp >= to + ArrivalJitter)
                {
                    yield break;
                }

                if (record.ApproximateArrivalTimestamp >= from && record.ApproximateArrivalTimestamp < to)
                {
                    yield return (record, page.MillisBehindLatest);
                }

                last = record.SequenceNumber;
            }

            yield return (null, page.MillisBehindLatest);
            emptyPages = page.Records.Count == 0 && page.MillisBehindLatest == 0 ? emptyPages + 1 : 0;
            if (emptyPages >= GetRecordsPace.EmptyPagesAtTip)
            {
                yield break;
            }

            iterator = page.NextShardIterator;
        }
    }

    // One page at the shard's pace. Other readers (the functions, Firehose) share the shard's five reads a second: a
    // throttled read waits and tries again, never skips.
    private async Task<GetRecordsResult> PageAsync(string iterator, int limit, GetRecordsPace pace, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            await pace.WaitTurnAsync(cancellationToken);
            try
            {
                return await kinesis.GetRecordsAsync(iterator, limit, cancellationToken);
            }
            catch (KinesisProvisionedThroughputExceededException)
            {
                await Task.Delay(Backoff.Delay(failures, FirstRetry, LastRetry, Random.Shared), time, cancellationToken);
            }
        }
    }
}
