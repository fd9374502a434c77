using Telemetry.Aws;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.LocalService;

/// <summary>One function behind its mapping, started with retries: the stream may not answer yet when the service starts.</summary>
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
        var settings = PipelineConfig.EventSourceMapping(name);
        _function = LocalFunctionCatalog.Create(name, state, time);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var running = await LocalConsumer.StartAsync(name, _function.Handler, state, dataDirectory, settings, time, log, cancellationToken);
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
