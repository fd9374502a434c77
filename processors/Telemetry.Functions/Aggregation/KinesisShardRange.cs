using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Aggregation;

/// <summary>
/// Reads a span of a shard again with GetShardIterator (AT_SEQUENCE_NUMBER) and GetRecords, for the rare flush that
/// must apply a window reading by reading. The function's role already has these actions: the mapping reads with it.
/// </summary>
internal sealed class KinesisShardRange(IKinesisClient kinesis, string streamName) : IShardRangeSource
{
    private const int PageSize = 10_000;

    public async Task<IReadOnlyList<StreamRecord>> ReadAsync(string shardId, string firstSequence, string lastSequence, CancellationToken cancellationToken)
    {
        var last = SequenceNumber.Parse(lastSequence);
        var records = new List<StreamRecord>();
        var iterator = await kinesis.GetShardIteratorAsync(streamName, shardId, ShardIteratorPosition.AtSequenceNumber(firstSequence), cancellationToken);
        while (iterator is not null)
        {
            var page = await kinesis.GetRecordsAsync(iterator, PageSize, cancellationToken);
            foreach (var record in page.Records)
            {
                if (SequenceNumber.Parse(record.SequenceNumber) > last)
                {
                    return records;
                }

                records.Add(StreamRecord.FromBytes(shardId, record.SequenceNumber, record.PartitionKey, record.Data.Span, record.ApproximateArrivalTimestamp));
            }

            // Past the last record written so far (an empty page at the tip): the span is complete.
            if (page.Records.Count == 0 && page.MillisBehindLatest == 0)
            {
                return records;
            }

            iterator = page.NextShardIterator;
        }

        return records;
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
