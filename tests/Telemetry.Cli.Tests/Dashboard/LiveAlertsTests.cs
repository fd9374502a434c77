using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Cli.Commands.Dashboard;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Tests.Dashboard;

// The dashboard's live alert list over a feed of test events: order, bound, failures and the queue's removal.
public sealed class LiveAlertsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_MoreEventsThanKept_ListsTheNewestFirstAndDropsTheOldest()
    {
        var feed = new TestFeed();
        var live = new LiveAlerts(_ => Task.FromResult<IAlertEvents>(feed), TimeProvider.System, _ => { });
        using var stop = new CancellationTokenSource();
        var running = live.RunAsync(stop.Token);

        var total = LiveAlerts.Kept + 5;
        for (var i = 0; i < total; i += 10)
        {
            await feed.Batches.Writer.WriteAsync([.. Enumerable.Range(i, Math.Min(10, total - i)).Select(n => Raised($"ep-{n:000}"))]);
        }

        var view = await Poll.UntilAsync(() => Task.FromResult(live.Snapshot()), v => v.Events.Count > 0 && v.Events[0].EpisodeId == $"ep-{total - 1:000}", Deadline, "the last event");
        await stop.CancelAsync();
        await running;

        Assert.Equal("following", view.State);
        Assert.Equal("test queue", view.Queue);
        Assert.Equal(LiveAlerts.Kept, view.Events.Count);
        Assert.Equal([.. Enumerable.Range(total - LiveAlerts.Kept, LiveAlerts.Kept).Reverse().Select(n => $"ep-{n:000}")], view.Events.Select(e => e.EpisodeId));
        Assert.Equal("RAISED", view.Events[0].Word);
        Assert.StartsWith("thermostat-overheat (warning): temperature 30 > 28", view.Events[0].Summary, StringComparison.Ordinal);
        Assert.True(feed.Disposed);
    }

    [Fact]
    public async Task RunAsync_QueueCannotBeOpened_ShowsTheErrorAndFollowsOnceARetrySucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var feed = new TestFeed();
        var attempts = 0;
        var warnings = new List<string>();
        var live = new LiveAlerts(
            _ => ++attempts == 1 ? Task.FromException<IAlertEvents>(new InvalidOperationException("moto is not running.")) : Task.FromResult<IAlertEvents>(feed),
            time,
            w => { lock (warnings) { warnings.Add(w); } });
        using var stop = new CancellationTokenSource();
        var running = live.RunAsync(stop.Token);

        var failed = await Poll.UntilAsync(() => Task.FromResult(live.Snapshot()), v => v.State == "failed", Deadline, "the failure to show");
        Assert.Equal(1, attempts);
        // The retry's timer may start after the failure shows: time moves on until it has fired.
        var following = await Poll.UntilAsync(() => Task.FromResult(AdvanceThen(time, live.Snapshot)), v => v.State == "following", Deadline, "the retry to attach");
        await stop.CancelAsync();
        await running;

        Assert.Equal("moto is not running.", failed.Error);
        Assert.Null(following.Error);
        Assert.Equal(2, attempts);
        Assert.Equal(["live alerts: moto is not running. Trying again every 15 s."], warnings);
        Assert.True(feed.Disposed);
    }

    [Fact]
    public async Task RunAsync_SameFailureOnEveryRetry_WarnsOnce()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var warnings = new List<string>();
        var live = new LiveAlerts(
            _ => { Interlocked.Increment(ref attempts); return Task.FromException<IAlertEvents>(new InvalidOperationException("moto is not running.")); },
            time,
            w => { lock (warnings) { warnings.Add(w); } });
        using var stop = new CancellationTokenSource();
        var running = live.RunAsync(stop.Token);

        await Poll.UntilAsync(() => Task.FromResult(AdvanceThen(time, () => Volatile.Read(ref attempts))), n => n >= 3, Deadline, "three attempts");
        await stop.CancelAsync();
        await running;

        Assert.Single(warnings);
        Assert.Equal("failed", live.Snapshot().State);
    }

    [Fact]
    public async Task RunAsync_FeedFailsWhileReading_DisposesItAndOpensAnother()
    {
        var first = new TestFeed();
        var second = new TestFeed();
        var time = new FakeTimeProvider();
        var feeds = new Queue<TestFeed>([first, second]);
        var live = new LiveAlerts(_ => Task.FromResult<IAlertEvents>(feeds.Dequeue()), time, _ => { });
        using var stop = new CancellationTokenSource();
        var running = live.RunAsync(stop.Token);

        first.Batches.Writer.Complete(new InvalidOperationException("queue deleted"));
        await Poll.UntilAsync(() => Task.FromResult(live.Snapshot()), v => v.State == "failed", Deadline, "the read failure to show");
        await Poll.UntilAsync(() => Task.FromResult(AdvanceThen(time, () => feeds.Count)), n => n == 0, Deadline, "the second feed to open");
        await second.Batches.Writer.WriteAsync([Raised("ep-after")]);
        var view = await Poll.UntilAsync(() => Task.FromResult(live.Snapshot()), v => v.Events.Count == 1, Deadline, "the event on the second feed");
        await stop.CancelAsync();
        await running;

        Assert.True(first.Disposed);
        Assert.True(second.Disposed);
        Assert.Equal("ep-after", view.Events[0].EpisodeId);
    }

    private static T AdvanceThen<T>(FakeTimeProvider time, Func<T> read)
    {
        var value = read();
        time.Advance(LiveAlerts.RetryAfter);
        return value;
    }

    private static AlertEvent Raised(string episode) =>
        new(AlertEventTypes.AlertRaised, episode, "thermostat-0001", "thermostat", "site-a", DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
        {
            RuleId = "thermostat-overheat",
            Severity = "warning",
            Metric = "temperature",
            Direction = "above",
            Value = 30,
            Threshold = 28,
            ClearLevel = 26,
        };

    private sealed class TestFeed : IAlertEvents
    {
        public Channel<IReadOnlyList<AlertEvent>> Batches { get; } = Channel.CreateUnbounded<IReadOnlyList<AlertEvent>>();

        public bool Disposed { get; private set; }

        public string Source => "test rule";

        public string QueueName => "test queue";

        public async Task<IReadOnlyList<AlertEvent>> NextAsync(TimeSpan wait, CancellationToken cancellationToken) =>
            await Batches.Reader.ReadAsync(cancellationToken);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
