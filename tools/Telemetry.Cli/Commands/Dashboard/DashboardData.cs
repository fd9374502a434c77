using Amazon.DynamoDBv2;
using Telemetry.Aws.CloudWatch;
using Telemetry.Cli.Commands.Local;
using Telemetry.Cli.Commands.Query;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Producer.Devices;
using Telemetry.Storage.Alerts;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>
/// What the dashboard shows, read from the same tables the CLI reads (docs/dashboard.md): the last-seen records for the
/// fleet, the rollups for a device's charts, the alert episode log, the alerter's shard lags and the rejected sink;
/// locally also each consumer's backlog and the functions' counters, as <c>local status</c> reads them.
/// </summary>
internal sealed class DashboardData : IDisposable
{
    // Open episodes are looked for this far back: an alert open longer than a week is shown once it clears.
    private static readonly TimeSpan OpenLookBack = TimeSpan.FromDays(7);
    private static readonly TimeSpan EpisodesSharedFor = TimeSpan.FromSeconds(2);

    // About one column per two pixels of the page's 640-unit-wide charts.
    private const int ChartColumns = 300;
    private readonly PipelineTarget target;
    private readonly string dataDirectory;
    private readonly TimeProvider time;
    private readonly IAmazonDynamoDB dynamo;
    private readonly CloudWatchClient? cloudWatch;
    private readonly CloudWatchCounters? counters;
    private readonly FunctionMetricsLog metricsLog;
    private readonly Lock episodesGate = new();
    private (DateTimeOffset At, Task<IReadOnlyList<AlertEpisodeRow>> Read)? episodes;

    public DashboardData(PipelineTarget target, string dataDirectory, TimeProvider time)
    {
        this.target = target;
        this.dataDirectory = dataDirectory;
        this.time = time;
        dynamo = target.DynamoDb();
        metricsLog = new FunctionMetricsLog(FunctionServicePaths.Log(dataDirectory));
        if (target.CloudWatch is { } create && target.FunctionNames.Count > 0)
        {
            cloudWatch = create();
            counters = new CloudWatchCounters(cloudWatch, target.FunctionNames, time);
        }
    }

    public async Task<FleetView> FleetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = await new SeenStore(dynamo, target.TableName).ReadAllAsync(cancellationToken);
        var episodes = await EpisodesAsync(now).WaitAsync(cancellationToken);
        var open = episodes.Where(e => e.IsOpen)
            .GroupBy(e => e.Any.DeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => Label(e.Any)).Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        var devices = seen
            .Select(s => s.Device)
            .OrderBy(d => d.DeviceId, StringComparer.Ordinal)
            .Select(d => new FleetDevice(d.DeviceId, d.DeviceType, d.Site, d.LastSeenAt, d.Latest, d.Silence is not null, open.GetValueOrDefault(d.DeviceId) ?? []))
            .ToList();
        return new FleetView(now, devices);
    }

    public async Task<DeviceView> DeviceAsync(string deviceId, TimeSpan range, Resolution resolution, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - range;
        var rows = await new RollupReader(dynamo, target.TableName).QueryAsync(deviceId, resolution, from, to, null, cancellationToken);

        // As the terminal's sparklines do: more windows than a chart has room for are merged exactly, a few to a column.
        var series = RollupSeries.Of(rows, resolution, from, to, ChartColumns);
        var metrics = series
            .Select(s => new MetricSeries(
                s.Metric,
                DeviceKinds.Unit(s.Metric),
                [.. s.Columns.Select((stats, i) => (stats, i)).Where(c => c.stats is { Count: > 0 }).Select(c => Point(s.From + (s.ColumnLength * c.i), c.stats!.Value))]))
            .ToList();
        var column = series.Count > 0 ? series[0].ColumnLength : resolution.Duration();
        return new DeviceView(deviceId, resolution.Code(), (long)column.TotalSeconds, from, to, metrics);
    }

    public async Task<AlertsView> AlertsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var episodes = await EpisodesAsync(now).WaitAsync(cancellationToken);
        var open = episodes.Where(e => e.IsOpen).OrderByDescending(e => e.Any.StartedAt).Select(Row).ToList();
        var recent = episodes.Where(e => !e.IsOpen && e.Any.StartedAt > now.AddDays(-1)).OrderByDescending(e => e.Any.StartedAt).Take(50).Select(Row).ToList();
        return new AlertsView(now, open, recent);
    }

    public async Task<HealthView> HealthAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lags = await new SeenStore(dynamo, target.TableName).ReadLagsAsync(cancellationToken);
        var reader = new RejectedReader(dynamo, target.TableName);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var rejected = (await reader.RejectedTimesAsync(today.AddDays(-1), cancellationToken))
            .Concat(await reader.RejectedTimesAsync(today, cancellationToken))
            .Where(at => at > now.AddHours(-24))
            .GroupBy(at => Resolution.Hour.WindowStart(at))
            .OrderBy(g => g.Key)
            .Select(g => new HourCount(g.Key, g.LongCount()))
            .ToList();

        IReadOnlyList<ConsumerLagRow> consumers = [];
        IReadOnlyList<FunctionCountersRow> functions = [];
        string functionsFrom;
        if (target.Name == "local" && LocalStackState.Load(dataDirectory) is { } state)
        {
            // Only the parts of `local status` the page shows: not the processes, the fault proxy or the alert queue.
            var (backlogs, _) = await LocalStatusReport.MeasureLagsAsync(state, dataDirectory, now, cancellationToken);
            consumers = [.. backlogs.SelectMany(c => c.Value
                .Select(lag => ShardReport.From(lag, retrying: null))
                .Select(s => new ConsumerLagRow(c.Key, s.ShardId, s.PendingRecords, s.OldestPendingSeconds)))];
            functions = [.. (await metricsLog.ReadAsync(now, cancellationToken))
                .Select(m => new FunctionCountersRow(m.Function, m.Function, m.Invocations, m.Totals, m.LastBatchAgeMs))];
            functionsFrom = "from their metric lines in functions.log, since the local stack started";
        }
        else if (counters is null)
        {
            functionsFrom = "not shown: the functions' deployed names come from the stack's outputs; start the dashboard with --stack";
        }
        else
        {
            try
            {
                functions = await counters.ReadAsync(cancellationToken);
                functionsFrom = $"from CloudWatch (namespace Telemetry), the last {CloudWatchCounters.Window.TotalHours:0} h, read at most once a minute";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The rest of the health panel stands without them (no cloudwatch:GetMetricData, say).
                functionsFrom = $"not shown: CloudWatch: {e.Message}";
            }
        }

        return new HealthView(
            now,
            target.Name,
            [.. lags.Values.OrderBy(l => l.ShardId, StringComparer.Ordinal).Select(l => new ShardLagRow(l.ShardId, l.Behind.TotalSeconds, l.MeasuredAt))],
            consumers,
            rejected,
            functions,
            functionsFrom);
    }

    // The fleet and the alert lists are asked for together on every poll; one read of the week's episodes serves both.
    // Not cancelled with either request: the other may still want it, and the SDK's timeouts bound it.
    private Task<IReadOnlyList<AlertEpisodeRow>> EpisodesAsync(DateTimeOffset now)
    {
        lock (episodesGate)
        {
            if (episodes is not { } shared || now - shared.At > EpisodesSharedFor)
            {
                episodes = shared = (now, new AlertEpisodeReader(dynamo, target.TableName).QueryAsync(now - OpenLookBack, now, CancellationToken.None));
            }

            return shared.Read;
        }
    }

    public void Dispose()
    {
        dynamo.Dispose();
        cloudWatch?.Dispose();
    }

    private static WindowPoint Point(DateTimeOffset start, MetricStats stats) =>
        new(start, stats.Count, stats.Mean, stats.Min, stats.Max, stats.Percentile(0.5), stats.Percentile(0.95), stats.Percentile(0.99));

    private static string Label(AlertEvent alert) =>
        alert.RuleId is { } rule ? $"{rule}{(alert.Severity is { } severity ? $" ({severity})" : string.Empty)}" : "silence";

    private static AlertRow Row(AlertEpisodeRow episode)
    {
        var alert = episode.Opened ?? episode.Any;
        return new AlertRow(
            alert.EpisodeId,
            alert.RuleId is null ? "silence" : "threshold",
            alert.DeviceId,
            alert.DeviceType,
            alert.Site,
            alert.RuleId,
            alert.Severity,
            alert.Metric,
            alert.Value,
            alert.Threshold,
            alert.StartedAt,
            episode.Closed?.EndedAt);
    }
}
