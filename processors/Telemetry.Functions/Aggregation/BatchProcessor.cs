using Telemetry.Contracts;
using Telemetry.Functions.Events;
using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Aggregation;

/// <summary>
/// One Lambda invocation's worth of work: classify the records, store the rejects, apply the accepted readings
/// to the rollups, and name the record to restart from when something could not be stored.
/// </summary>
internal sealed class BatchProcessor
{
    private readonly IRollupStore rollups;
    private readonly IRejectedStore rejected;
    private readonly AggregationOptions options;
    private readonly TimeProvider timeProvider;

    public BatchProcessor(IRollupStore rollups, IRejectedStore rejected, AggregationOptions options, TimeProvider timeProvider)
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
    /// Processes <paramref name="kinesisEvent"/>. The response lists, per shard, the lowest sequence number whose
    /// effect was not stored; the event source restarts there, and reading identity makes the replay harmless.
    /// </summary>
    public async Task<StreamsEventResponse> ProcessAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinesisEvent);
        var now = timeProvider.GetUtcNow();
        var records = kinesisEvent.Records.Select(r => (Source: r, Classified: RecordClassifier.Classify(r, now, options))).ToList();

        var rejects = records.Where(r => r.Classified.Rejected is not null).Select(r => r.Classified.Rejected!).ToList();
        var failedRejects = await rejected.StoreAsync(rejects, now, cancellationToken);

        var windows = BatchPlanner.GroupByWindow(records.Where(r => r.Classified.Accepted is not null).Select(r => r.Classified.Accepted!), options);
        var applied = await rollups.ApplyAsync(windows, cancellationToken);

        // A refused reading is a reject found only once its windows were read; it is stored like the others.
        var sources = new Dictionary<(string, SequenceNumber), KinesisEventRecord>();
        foreach (var (source, classified) in records)
        {
            sources.TryAdd((classified.ShardId, classified.Sequence), source);
        }

        var refusals = applied.Refused
            .Select(r => RecordClassifier.Refuse(sources[(r.Reading.ShardId, r.Reading.Sequence)], r.Reading.ShardId, r.Reason, r.Message))
            .ToList();
        var failedRefusals = refusals.Count == 0 ? [] : await rejected.StoreAsync(refusals, now, cancellationToken);

        var failed = new HashSet<(string ShardId, SequenceNumber Sequence)>(
            failedRejects.Concat(failedRefusals).Select(r => (r.ShardId, SequenceNumber.Parse(r.SequenceNumber)))
                .Concat(applied.Failed.SelectMany(w => w.Readings).Select(r => (r.ShardId, r.Sequence))));
        var failures = records
            .Select(r => r.Classified)
            .Where(r => failed.Contains((r.ShardId, r.Sequence)))
            .GroupBy(r => r.ShardId, StringComparer.Ordinal)
            .Select(g => new BatchItemFailure(g.MinBy(r => r.Sequence)!.SequenceText))
            .ToList();
        return new StreamsEventResponse(failures);
    }
}
