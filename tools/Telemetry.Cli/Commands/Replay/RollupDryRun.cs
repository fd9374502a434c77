using Amazon.DynamoDBv2;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// <c>--into rollups --dry-run</c>: the aggregator's processing with stores that write nothing, to tell which windows
/// the replay would change. Without <c>--rebuild</c>, each window is read and merged as the store would; with it,
/// the windows are recomputed in memory and compared with the stored ones at the end.
/// </summary>
internal sealed class RollupDryRun
{
    private readonly RollupPreview? _preview;
    private readonly RollupRecompute? _recompute;
    private readonly RollupRebuild? _rebuild;
    private readonly AggregationOptions _options;

    public RollupDryRun(IAmazonDynamoDB dynamo, string table, RollupRebuild? rebuild)
    {
        _rebuild = rebuild;
        _options = rebuild?.Plan.Options ?? AggregatorProcessor.Options(AggregatorProcessor.Settings(table));
        if (rebuild is null)
        {
            _preview = new RollupPreview(dynamo, table);
        }
        else
        {
            _recompute = new RollupRecompute();
        }
    }

    public ConsumerReplay Replay(TimeProvider time) =>
        new(clock => new StreamBatchProcessor((IRollupStore?)_preview ?? _recompute!, new UnstoredRejects(), _options, clock).ProcessAsync, time);

    public async Task<IReadOnlyList<WindowChange>> ChangesAsync(CancellationToken cancellationToken) =>
        _preview?.Changes ?? await _rebuild!.CompareAsync(_recompute!.Windows, cancellationToken);

    // A dry run keeps no reject: the count is what it reports.
    private sealed class UnstoredRejects : IRejectedStore
    {
        public Task<IReadOnlyList<RejectedRecord>> StoreAsync(IReadOnlyList<RejectedRecord> rejects, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<RejectedRecord>>([]);
    }
}
