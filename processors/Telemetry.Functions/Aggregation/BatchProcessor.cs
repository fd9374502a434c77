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
    /// effect was not stored; the event source restarts there, and the high-water marks make the replay harmless.
    /// </summary>
    public async Task<StreamsEventResponse> ProcessAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinesisEvent);
        var now = timeProvider.GetUtcNow();
        var records = kinesisEvent.Records.Select(r => RecordClassifier.Classify(r, now, options)).ToList();

        var rejects = records.Where(r => r.Rejected is not null).Select(r => r.Rejected!).ToList();
        var failedRejects = await rejected.StoreAsync(rejects, now, cancellationToken);

        var windows = BatchPlanner.GroupByWindow(records.Where(r => r.Accepted is not null).Select(r => r.Accepted!), options);
        var failedWindows = await rollups.ApplyAsync(windows, cancellationToken);

        var failed = new HashSet<(string ShardId, SequenceNumber Sequence)>(
            failedRejects.Select(r => (r.ShardId, SequenceNumber.Parse(r.SequenceNumber)))
                .Concat(failedWindows.SelectMany(w => w.Readings).Select(r => (r.ShardId, r.Sequence))));
        var failures = records
            .Where(r => failed.Contains((r.ShardId, r.Sequence)))
            .GroupBy(r => r.ShardId, StringComparer.Ordinal)
            .Select(g => new BatchItemFailure(g.MinBy(r => r.Sequence)!.SequenceText))
            .ToList();
        return new StreamsEventResponse(failures);
    }
}
