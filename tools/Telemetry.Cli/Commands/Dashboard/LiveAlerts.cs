using Telemetry.Cli.Commands.Alerts;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>
/// The alert events the dashboard's own queue receives while it runs (docs/dashboard.md): the newest
/// <see cref="Kept"/> in memory, newest first. A queue that cannot be opened or read is reported on the page and tried
/// again; the rest of the dashboard does not wait for it.
/// </summary>
internal sealed class LiveAlerts(Func<CancellationToken, Task<IAlertEvents>> open, TimeProvider time, Action<string> warn)
{
    public const int Kept = 100;

    /// <summary>How long a receive waits for events; the feed also retags its queue between receives.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private readonly LinkedList<LiveAlertRow> events = new();
    private LiveAlertsView view = new("connecting", null, null, null, []);
    private string? lastWarning;

    public LiveAlertsView Snapshot()
    {
        lock (gate)
        {
            return view with { Events = [.. events] };
        }
    }

    /// <summary>Follows the fan-out until <paramref name="cancellationToken"/> is cancelled; the queue is removed then.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var feed = await open(cancellationToken);
                Set(new("following", feed.Source, feed.QueueName, null, []));
                lastWarning = null;
                while (true)
                {
                    Add(await feed.NextAsync(Wait, cancellationToken));
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: whatever the last receive or the queue's removal threw, there is nothing to retry.
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Events sent while no queue is attached are not seen here; the episode log still has them. The same
                // failure is said once, not every 15 s for as long as it lasts.
                if (e.Message != lastWarning)
                {
                    warn($"live alerts: {e.Message} Trying again every {RetryAfter.TotalSeconds:0} s.");
                    lastWarning = e.Message;
                }

                lock (gate)
                {
                    view = view with { State = "failed", Error = e.Message };
                }

                try
                {
                    await Task.Delay(RetryAfter, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Set(LiveAlertsView next)
    {
        lock (gate)
        {
            view = next;
        }
    }

    private void Add(IReadOnlyList<AlertEvent> arrived)
    {
        if (arrived.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var alert in arrived)
            {
                events.AddFirst(Row(alert, now));
                if (events.Count > Kept)
                {
                    events.RemoveLast();
                }
            }
        }
    }

    private static LiveAlertRow Row(AlertEvent alert, DateTimeOffset receivedAt) =>
        new(alert.DetailType, AlertLine.Word(alert.DetailType), alert.EpisodeId, alert.DeviceId, alert.RuleId, AlertLine.At(alert), receivedAt, AlertLine.Summary(alert));
}
