using Telemetry.Aws;
using Telemetry.Local.Archive;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.LocalService;

/// <summary>
/// One consumer of the stream behind its mapping (a function, or the archive's delivery stream), started with retries:
/// the stream may not answer yet when the service starts.
/// </summary>
internal sealed class StreamConsumer(string name, LocalStackState state, string dataDirectory, TimeProvider time, Action<string> log) : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private LocalFunction? _function;
    private RunningFunction? _running;
    private StartError? _startError;

    public string Name => name;

    public bool Started => Volatile.Read(ref _running) is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = Prepare();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var running = await start(cancellationToken);
                Volatile.Write(ref _running, running);
                log($"esm[{name}] started on stream '{state.StreamName}'");
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var error = new StartError($"could not start: {e.GetType().Name}: {e.Message}", time.GetUtcNow());
                Volatile.Write(ref _startError, error);
                log($"esm[{name}] {error.Message}; retrying");
                await Task.Delay(Backoff.Delay(attempt, FirstRetry, LastRetry, Random.Shared), time, cancellationToken);
            }
        }
    }

    // What can only fail for good (a bad setting) fails here, once; what follows is retried.
    private Func<CancellationToken, Task<RunningFunction>> Prepare()
    {
        if (name == LocalConsumer.ArchiveConsumer)
        {
            var archive = PipelineConfig.Archive() ?? throw new InvalidOperationException("config/pipeline.json has no archive section.");
            return ct => LocalConsumer.StartDeliveryStreamAsync(WithOverrides(archive), state, dataDirectory, time, log, ct);
        }

        var settings = WithOverrides(PipelineConfig.EventSourceMapping(name));
        _function = LocalFunctionCatalog.Create(name, state, time);
        var handler = _function.Handler;
        return ct => LocalConsumer.StartAsync(name, handler, state, dataDirectory, settings, time, log, ct);
    }

    // `local up --archive-interval` shortens the buffer of this stack only, for trying the archive without waiting.
    private ArchiveSettings WithOverrides(ArchiveSettings archive) =>
        state.ArchiveBufferingInterval is { } interval ? archive with { BufferingInterval = interval } : archive;

    // `local up --flush-interval` changes the tumbling window of the functions that have one, for this stack only.
    private EventSourceMappingSettings WithOverrides(EventSourceMappingSettings settings) =>
        settings.TumblingWindow > TimeSpan.Zero && state.FlushInterval is { } interval ? settings with { TumblingWindow = interval } : settings;

    public ConsumerStatus Status()
    {
        var running = Volatile.Read(ref _running);
        if (running is null)
        {
            var error = Volatile.Read(ref _startError);
            return new ConsumerStatus(name, false, 0, 0, 0, 0, new Dictionary<string, string?>(), error?.Message, error?.At);
        }

        var stats = running.Mapping.Stats;
        return new ConsumerStatus(
            name,
            running.Mapping.IsRunning,
            stats.BatchesInvoked,
            stats.RecordsDelivered,
            stats.Retries,
            stats.SkippedRecords,
            running.Mapping.CheckpointsByShard,
            stats.LastError,
            stats.LastErrorAt)
        {
            RetryingShards = running.Mapping.RetryingShards,
            BilledMilliseconds = stats.BilledMilliseconds,
            DynamoDbCalls = _function?.Calls.Snapshot() ?? new Dictionary<string, long>(),
            DynamoDbCapacityUnits = _function?.Calls.CapacityUnits() ?? new Dictionary<string, double>(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _running) is { } running)
        {
            await running.DisposeAsync();
        }

        _function?.Resources.Dispose();
    }

    // Written by the starting task, read by the status writer: one reference, never half of each.
    private sealed record StartError(string Message, DateTimeOffset At);
}
