using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.LocalService;

/// <summary>
/// Runs every stream consumer of config/pipeline.json against the local stack of one data folder until stopped,
/// writing its status to the data folder every second.
/// </summary>
internal sealed class FunctionService(string dataDirectory, TimeProvider time, TextWriter output)
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(CancellationToken stop)
    {
        using var exclusive = TryLock();
        if (exclusive is null)
        {
            Log($"another function service already runs for {dataDirectory}; this one stops.");
            return 1;
        }

        var state = LocalStackState.Load(dataDirectory);
        if (state is null)
        {
            Log($"no local stack is recorded in {dataDirectory}; start one with './telemetry local up'.");
            return 1;
        }

        var startedAt = time.GetUtcNow();
        var consumers = PipelineConfig.LocalStreamConsumers().Select(name => new StreamConsumer(name, state, dataDirectory, time, Log)).ToList();
        await using var schedules = new ScheduledFunctions(PipelineConfig.Schedules().Select(s => new ScheduledFunction(s.Name, s.Every, state, time, Log)).ToList());
        Log($"function service {Environment.ProcessId} serving {string.Join(", ", consumers.Select(c => c.Name))} on stream '{state.StreamName}'"
            + (schedules.Count > 0 ? $", and {string.Join(", ", schedules.Names)} on a schedule" : ""));
        schedules.Start();
        var starting = Task.WhenAll(consumers.Select(c => c.StartAsync(stop)));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                WriteStatus(startedAt, consumers, ready: starting.IsCompletedSuccessfully);
                var tick = Task.Delay(StatusEvery, time, stop);
                await (starting.IsCompleted ? tick : Task.WhenAny(tick, starting)); // ready is reported as soon as it is
                if (starting.Exception is { } invalid)
                {
                    // Start-up retries only what may heal (the stream not answering yet); a bad setting will not.
                    Log($"cannot run: {string.Join("; ", invalid.InnerExceptions.Select(e => e.Message))}");
                    await StopAsync(startedAt, consumers);
                    return 1;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The normal way out: SIGTERM from `telemetry local down`.
        }

        await StopAsync(startedAt, consumers);
        return 0;
    }

    private async Task StopAsync(DateTimeOffset startedAt, IReadOnlyList<StreamConsumer> consumers)
    {
        Log("stopping: finishing invocations in flight");
        foreach (var consumer in consumers)
        {
            await consumer.DisposeAsync();
        }

        WriteStatus(startedAt, consumers, ready: false);
        Log("stopped");
    }

    private void WriteStatus(DateTimeOffset startedAt, IReadOnlyList<StreamConsumer> consumers, bool ready)
    {
        try
        {
            new FunctionServiceStatus(Environment.ProcessId, startedAt, time.GetUtcNow(), ready, [.. consumers.Select(c => c.Status())]).Save(dataDirectory);
        }
        catch (IOException e)
        {
            Log($"could not write the status file: {e.Message}");
        }
    }

    private FileStream? TryLock()
    {
        try
        {
            return new FileStream(FunctionServicePaths.Lock(dataDirectory), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Log(string message)
    {
        lock (output)
        {
            output.WriteLine($"{time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {message}");
            output.Flush();
        }
    }
}
