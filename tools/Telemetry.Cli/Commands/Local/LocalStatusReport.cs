using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Faults;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Local;

/// <summary>What <c>local status</c> shows, and its <c>--json</c> shape.</summary>
/// <param name="Running">Every emulator and the function service run.</param>
/// <param name="Emulators">The emulators.</param>
/// <param name="Functions">The function service; null when it was never started.</param>
/// <param name="Consumers">One per stream consumer.</param>
/// <param name="LagError">Why the lag could not be measured (the stream did not answer), if so.</param>
internal sealed record LocalStatusReport(
    bool Running,
    IReadOnlyList<EmulatorReport> Emulators,
    FunctionsReport? Functions,
    IReadOnlyList<ConsumerReport> Consumers,
    string? LagError)
{
    public static LocalStatusReport NothingRecorded { get; } = new(false, [], null, [], null);

    /// <summary>The fault proxy the clients go through; null when none was started.</summary>
    public FaultProxyReport? FaultProxy { get; init; }

    /// <summary>The alert queue on moto and the messages waiting in it and its dead-letter queue; null before any wiring.</summary>
    public AlertQueueStatus? Alerts { get; init; }

    /// <summary>The functions' own counters, from the metric lines in the function service's log.</summary>
    public IReadOnlyList<FunctionMetricsTotals> Metrics { get; init; } = [];

    public static async Task<LocalStatusReport> ReadAsync(LocalStackState state, string dataDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var emulators = state.Processes
            .Select(p => new EmulatorReport(p.Kind.ToString(), p.Endpoint.ToString(), p.ProcessId, p.IsRunning(), p.LogPath))
            .ToList();
        var functionsRunning = state.FunctionsRunning;
        var status = FunctionServiceStatus.Load(dataDirectory);
        var live = functionsRunning && status?.ProcessId == state.Functions!.ProcessId ? status : null;
        var functions = state.Functions is { } f ? new FunctionsReport(f.ProcessId, functionsRunning, live?.Ready == true, f.LogPath, live?.StartedAt) : null;

        var consumers = new List<ConsumerReport>();
        var (lags, lagError) = await MeasureLagsAsync(state, dataDirectory, now, cancellationToken);
        foreach (var name in PipelineConfig.LocalStreamConsumers())
        {
            var consumer = live?.Consumers.FirstOrDefault(c => c.Function == name);
            var retrying = (consumer?.RetryingShards ?? []).ToDictionary(r => r.ShardId, StringComparer.Ordinal);
            consumers.Add(new ConsumerReport(
                name,
                consumer?.Running == true,
                consumer?.RecordsProcessed ?? 0,
                consumer?.BatchesInvoked ?? 0,
                consumer?.Retries ?? 0,
                consumer?.SkippedRecords ?? 0,
                consumer?.LastError,
                consumer?.LastErrorAt,
                [.. (lags.GetValueOrDefault(name) ?? []).Select(lag => ShardReport.From(lag, retrying.GetValueOrDefault(lag.ShardId)))])
            {
                RetryingShards = retrying.Count,
            });
        }

        var proxy = await FaultProxyReport.ReadAsync(state.FaultProxy, cancellationToken);
        var running = emulators.All(e => e.Running) && functionsRunning && proxy?.Running != false;
        return new LocalStatusReport(running, emulators, functions, consumers, lagError)
        {
            FaultProxy = proxy,
            Alerts = await AlertQueueStatus.ReadAsync(state, cancellationToken),
            Metrics = await FunctionMetricsTotals.ReadAsync(FunctionServicePaths.Log(dataDirectory), now, cancellationToken),
        };
    }

    /// <summary>
    /// Each local stream consumer's backlog per shard, from its checkpoint and the stream: what <c>local status</c>
    /// and the dashboard show. When the emulators cannot tell, no lags and the reason.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, IReadOnlyList<ShardLag>> Lags, string? Error)> MeasureLagsAsync(
        LocalStackState state, string dataDirectory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!state.AllRunning)
        {
            return (new Dictionary<string, IReadOnlyList<ShardLag>>(), "an emulator is not running; './telemetry local up' restarts it.");
        }

        var lags = new Dictionary<string, IReadOnlyList<ShardLag>>(StringComparer.Ordinal);
        try
        {
            using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis), maxRetries: 0);
            foreach (var name in PipelineConfig.LocalStreamConsumers())
            {
                lags[name] = await ConsumerLag.MeasureAsync(kinesis, state.StreamName, dataDirectory, name, now, cancellationToken);
            }

            return (lags, null);
        }
        catch (Exception e) when (e is KinesisException or HttpRequestException or IOException)
        {
            return (new Dictionary<string, IReadOnlyList<ShardLag>>(), e.Message);
        }
    }
}

/// <param name="Pid">The proxy's PID.</param>
/// <param name="Running">Its process is alive.</param>
/// <param name="Kinesis">Where Kinesis clients connect.</param>
/// <param name="DynamoDb">Where DynamoDB clients connect.</param>
/// <param name="Profile">The fault profile in force (<c>off</c>: passes everything through); null when it did not answer.</param>
/// <param name="LeaseExpiresAt">When the profile falls back to <c>off</c> by itself.</param>
/// <param name="Log">Its log file.</param>
internal sealed record FaultProxyReport(int Pid, bool Running, string Kinesis, string DynamoDb, string? Profile, DateTimeOffset? LeaseExpiresAt, string Log)
{
    public static async Task<FaultProxyReport?> ReadAsync(FaultProxyProcess? proxy, CancellationToken cancellationToken)
    {
        if (proxy is null)
        {
            return null;
        }

        var running = proxy.IsRunning();
        FaultProxyStatus? status = null;
        if (running)
        {
            try
            {
                using var client = new FaultProxyClient(proxy.ControlEndpoint);
                status = await client.GetStatusAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                status = null;
            }
        }

        return new FaultProxyReport(
            proxy.ProcessId,
            running,
            proxy.Endpoint(FaultUpstream.Kinesis).ToString(),
            proxy.Endpoint(FaultUpstream.DynamoDb).ToString(),
            status?.Profile,
            status?.LeaseExpiresAt,
            proxy.LogPath);
    }
}

internal sealed record EmulatorReport(string Kind, string Endpoint, int Pid, bool Running, string Log);

/// <param name="Pid">The service's PID.</param>
/// <param name="Running">Its process is alive.</param>
/// <param name="Ready">Every consumer has started polling.</param>
/// <param name="Log">Its log file.</param>
/// <param name="StartedAt">When it started.</param>
internal sealed record FunctionsReport(int Pid, bool Running, bool Ready, string Log, DateTimeOffset? StartedAt);

/// <param name="Function">The function's name in config/pipeline.json.</param>
/// <param name="Running">Its mapping polls the stream.</param>
/// <param name="RecordsProcessed">Records processed since the service started.</param>
/// <param name="BatchesInvoked">Invocations since the service started.</param>
/// <param name="Retries">Invocations repeated after a failure.</param>
/// <param name="SkippedRecords">Records set aside to the on-failure file.</param>
/// <param name="LastError">The most recent failure.</param>
/// <param name="LastErrorAt">When.</param>
/// <param name="Shards">Checkpoint and lag per shard.</param>
internal sealed record ConsumerReport(
    string Function,
    bool Running,
    long RecordsProcessed,
    long BatchesInvoked,
    long Retries,
    long SkippedRecords,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    IReadOnlyList<ShardReport> Shards)
{
    /// <summary>Shards whose batch keeps failing and is retried: the consumer waits on them rather than skip records.</summary>
    public int RetryingShards { get; init; }
}

/// <param name="ShardId">The shard.</param>
/// <param name="Checkpoint">Its last checkpointed sequence number.</param>
/// <param name="PendingRecords">Records after the checkpoint.</param>
/// <param name="PendingIsAtLeast">The count stopped at a limit.</param>
/// <param name="OldestPendingSeconds">Age of the oldest record after the checkpoint.</param>
/// <param name="Retrying">Set while the shard's batch keeps failing and is retried.</param>
internal sealed record ShardReport(string ShardId, string? Checkpoint, int PendingRecords, bool PendingIsAtLeast, double? OldestPendingSeconds, ShardRetryReport? Retrying)
{
    public static ShardReport From(ShardLag lag, ShardRetryState? retrying) =>
        new(
            lag.ShardId,
            lag.Checkpoint,
            lag.PendingRecords,
            lag.PendingIsAtLeast,
            lag.OldestPendingAge is { } age ? Math.Round(age.TotalSeconds, 1) : null,
            retrying is null ? null : new ShardRetryReport(retrying.Failures, retrying.Since, retrying.LastError));
}

/// <param name="Failures">Failed attempts since the shard last moved forward.</param>
/// <param name="Since">When the first of them failed.</param>
/// <param name="LastError">What the latest one failed with.</param>
internal sealed record ShardRetryReport(int Failures, DateTimeOffset Since, string LastError);
