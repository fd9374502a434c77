using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Streams;

/// <summary>
/// The one processing path of stream records, for the aggregator function and the CLI alike: classify the
/// records, store the rejects, apply the accepted readings to the rollups, store the readings a window refused,
/// and say which records' effect was not stored. Only the two ports are touched; reading identity makes
/// processing a record again harmless.
/// </summary>
public sealed class StreamBatchProcessor
{
    private readonly IRollupStore rollups;
    private readonly IRejectedStore rejected;
    private readonly AggregationOptions options;
    private readonly TimeProvider timeProvider;

    public StreamBatchProcessor(IRollupStore rollups, IRejectedStore rejected, AggregationOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.rollups = rollups;
        this.rejected = rejected;
        this.options = options;
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Processes <paramref name="records"/> (any shards, any order). Lateness is judged against the time of
    /// processing, as the function judges it however late a batch reaches it.
    /// </summary>
    /// <exception cref="InvalidDataException">A record's sequence number is not one Kinesis could have written.</exception>
    public async Task<BatchOutcome> ProcessAsync(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var now = timeProvider.GetUtcNow();
        var classified = RecordClassifier.ClassifyAll(records, now, options);

        var rejects = classified.Where(r => r.Rejected is not null).Select(r => r.Rejected!).ToList();
        var failedRejects = await rejected.StoreAsync(rejects, now, cancellationToken);

        var accepted = classified.Where(r => r.Accepted is not null).Select(r => r.Accepted!).ToList();
        var windows = BatchPlanner.GroupByWindow(accepted, options);
        var applied = await rollups.ApplyAsync(windows, cancellationToken);

        // A refused reading is a reject found only once its windows were read; it is stored like the others.
        var sources = new Dictionary<(string, SequenceNumber, int?), StreamRecord>();
        foreach (var record in classified)
        {
            sources.TryAdd((record.ShardId, record.Sequence, record.Source.SubSequence), record.Source);
        }

        var refusals = applied.Refused
            .Select(r => RecordClassifier.Refuse(sources[(r.Reading.ShardId, r.Reading.Sequence, r.Reading.SubSequence)], r.Reason, r.Message))
            .DistinctBy(r => (r.ShardId, r.SequenceNumber, r.SubSequence))
            .ToList();
        var failedRefusals = refusals.Count == 0 ? [] : await rejected.StoreAsync(refusals, now, cancellationToken);

        var failed = new HashSet<(string ShardId, SequenceNumber Sequence)>(
            failedRejects.Concat(failedRefusals).Select(r => (r.ShardId, SequenceNumber.Parse(r.SequenceNumber)))
                .Concat(applied.Failed.SelectMany(w => w.Readings).Select(r => (r.ShardId, r.Sequence))));
        var failedRecords = classified
            .Where(r => failed.Contains((r.ShardId, r.Sequence)))
            .Select(r => r.Source)
            .ToList();
        return new BatchOutcome(classified.Count, accepted.Count - refusals.Count, rejects.Count + refusals.Count, failedRecords);
    }
}
