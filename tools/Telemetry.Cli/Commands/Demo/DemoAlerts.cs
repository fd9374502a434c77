using Spectre.Console;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Demo;

/// <summary>
/// The demo's own subscriber of the alert fan-out: it listens from before the first reading to after the last
/// expected transition, shows this run's alerts as they arrive, and keeps them for <see cref="AlertCheck"/>.
/// </summary>
internal sealed class DemoAlerts : IAsyncDisposable
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(2);

    private readonly AlertFeed feed;
    private readonly Amazon.SQS.IAmazonSQS sqs;
    private readonly List<AlertEvent> received = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task listening;

    private DemoAlerts(AlertFeed feed, Amazon.SQS.IAmazonSQS sqs, string runPrefix, Action<AlertEvent> show)
    {
        this.feed = feed;
        this.sqs = sqs;
        listening = Task.Run(() => ListenAsync(runPrefix, show));
    }

    /// <summary>Subscribes before the run starts, so that no alert of the run can be missed.</summary>
    public static async Task<DemoAlerts> StartAsync(LocalStackState state, string alertQueueName, string runPrefix, IAnsiConsole console, bool quiet, TimeProvider time, CancellationToken cancellationToken)
    {
        var wiring = state.Alerts ?? throw new InvalidOperationException("The local stack runs without its alert fan-out (moto); restart it with './telemetry local up'.");
        var moto = state.Endpoint(EmulatorKind.Moto);
        var sqs = LocalAws.Sqs(moto);
        try
        {
            var subscriber = new LocalRuleSubscriber(new LocalAlertTargets(moto, wiring), wiring.RuleName);
            var feed = await AlertFeed.OpenAsync(sqs, subscriber, alertQueueName, "demo", time, w => Say(console, quiet, w), cancellationToken);
            return new DemoAlerts(feed, sqs, runPrefix, alert => Say(console, quiet, "alert " + AlertLine.Text(alert)));
        }
        catch
        {
            sqs.Dispose();
            throw;
        }
    }

    /// <summary>What arrived so far.</summary>
    public IReadOnlyList<AlertEvent> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Waits until every planned transition has arrived or <paramref name="wait"/> has passed, then compares.</summary>
    public async Task<AlertCheck> CheckAsync(IReadOnlyList<Producer.Ledger.LedgerAnomaly> anomalies, string runPrefix, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow() + wait;
        var check = AlertCheck.Of(anomalies, Received, runPrefix);
        while (check.Missing.Count > 0 && time.GetUtcNow() < giveUpAt && !listening.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            check = AlertCheck.Of(anomalies, Received, runPrefix);
        }

        return check;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await feed.DisposeAsync();
            sqs.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>Why listening stopped before the demo asked it to (moto went away, say), or null.</summary>
    public string? Failure { get; private set; }

    private async Task ListenAsync(string runPrefix, Action<AlertEvent> show)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var alert in await feed.NextAsync(PollWait, stop.Token))
                {
                    lock (received)
                    {
                        received.Add(alert);
                    }

                    if (alert.DeviceId.StartsWith(runPrefix, StringComparison.Ordinal))
                    {
                        show(alert);
                    }
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The check then reports the alerts that did not arrive; the readings' verdict does not depend on this.
            Failure = $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static void Say(IAnsiConsole console, bool quiet, string line)
    {
        if (!quiet)
        {
            console.MarkupLineInterpolated($"[yellow]{line}[/]");
        }
    }
}
