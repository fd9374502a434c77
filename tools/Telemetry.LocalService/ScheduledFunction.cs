using Telemetry.Local.Stack;

namespace Telemetry.LocalService;

/// <summary>
/// A function of <c>schedules</c> in config/pipeline.json run every so often, as an EventBridge schedule rule runs
/// it on AWS: one invocation at a time, the next one a full period after the previous started; a failed run is
/// logged and the next run comes anyway (the function keeps what it could not finish for it).
/// </summary>
internal sealed class ScheduledFunction(string name, TimeSpan every, LocalStackState state, TimeProvider time, Action<string> log) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? loop;

    public string Name => name;

    public void Start() => loop = Task.Run(() => RunAsync(stopping.Token));

    private async Task RunAsync(CancellationToken stop)
    {
        var function = LocalFunctionCatalog.CreateScheduled(name, state, time);
        using (function.Resources)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, time, stop);
                    await using var input = new MemoryStream("{}"u8.ToArray());
                    await using var output = await function.Handler(input, stop);
                    using var reader = new StreamReader(output ?? Stream.Null);
                    log($"{name}: {await reader.ReadToEndAsync(stop)}");
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // As on AWS, a failed run is an error of that run; the schedule goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    log($"{name}: run failed ({ex.GetType().Name}: {ex.Message})");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stopping.Dispose();
    }
}
