using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tests.Fakes;
using static Telemetry.Processing.Tests.TestReadings;

namespace Telemetry.Processing.Tests.Alerts;

// The alerter's part in the silence watch, over the in-memory stores: silences the watchdog missed, and the lag it
// measures for the watchdog.
public sealed class AlerterSilenceTests
{
    private const string Shard = "shardId-000000000000";
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(2);
    private static readonly AlertRuleSet Rules = new([], new Dictionary<string, TimeSpan> { ["thermostat"] = Threshold });

    private readonly FakeTimeProvider clock = new(At0400);
    private readonly InMemorySeenStore seen = new();
    private readonly InMemoryEpisodeLog episodes = new();
    private readonly RecordingAlertPublisher publisher = new();
    private long position;

    private AlertBatchProcessor Alerter() => new(Rules, new InMemoryAlertStateStore(), episodes, publisher, seen, new InMemoryRejectedStore(), clock, Lag);

    private SilenceWatchdog Watchdog() => new(Rules, seen, episodes, publisher, clock, Lag);

    // A reading of dev-1 that reached the stream `arrivedAfter` past four o'clock, its device clock 2 s behind.
    private StreamRecord Arrived(TimeSpan arrivedAfter, long sequence)
    {
        var arrival = At0400 + arrivedAfter;
        return StreamRecord.FromBytes(Shard, $"4959{++position:D20}", "dev-1", ReadingCodec.Encode(Reading(arrival.AddSeconds(-2), "dev-1", sequence)), arrival);
    }

    private string Published() => string.Join(",", publisher.Published.Select(e => e.DetailType));

    [Fact]
    public async Task ProcessAsync_BackAfterASilenceNoWatchdogRunSaw_OneSilentAndOneResumedPublishedByTheNextRun()
    {
        var before = Arrived(TimeSpan.Zero, 1);
        var after = Arrived(TimeSpan.FromSeconds(180), 2);
        var alerter = Alerter();

        await alerter.ProcessAsync([before], CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(180));
        var outcome = await alerter.ProcessAsync([after], CancellationToken.None);
        var run = await Watchdog().RunAsync(CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal((0, 0, 2), (run.Silent, run.Resumed, run.Published));
        Assert.Equal("DeviceSilent,DeviceResumed", Published());
        Assert.Equal((At0400.AddSeconds(-2), At0400.AddSeconds(178)), (publisher.Published[1].StartedAt, publisher.Published[1].EndedAt!.Value));
        var (opened, closed) = Assert.Single(episodes.Episodes).Value;
        Assert.Equal((AlertEventTypes.DeviceSilent, AlertEventTypes.DeviceResumed), (opened.DetailType, closed!.DetailType));
        Assert.Empty(seen.Get("dev-1")!.Outbox);
    }

    [Fact]
    public async Task ProcessAsync_GapNotLongerThanThresholdAndLag_PlainUpdateAndNothingToPublish()
    {
        var alerter = Alerter();

        await alerter.ProcessAsync([Arrived(TimeSpan.Zero, 1)], CancellationToken.None);
        await alerter.ProcessAsync([Arrived(Threshold + Lag, 2)], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.Equal(0, seen.Reads);
        Assert.Empty(publisher.Published);
        Assert.Equal(At0400 + Threshold + Lag, seen.Get("dev-1")!.Device.LastArrival);
    }

    [Fact]
    public async Task ProcessAsync_WatchdogOpenedTheSilenceFirst_OnlyItsSilentAndResumedGoOut()
    {
        var alerter = Alerter();
        await alerter.ProcessAsync([Arrived(TimeSpan.Zero, 1)], CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(150));

        await Watchdog().RunAsync(CancellationToken.None);
        await alerter.ProcessAsync([Arrived(TimeSpan.FromSeconds(180), 2)], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.Equal("DeviceSilent,DeviceResumed", Published());
        Assert.Single(publisher.Published.Select(e => e.EpisodeId).Distinct());
    }

    [Fact]
    public async Task ProcessAsync_OldReadingsReplayedByAColdInstance_ChangeNothing()
    {
        var before = Arrived(TimeSpan.Zero, 1);
        var after = Arrived(TimeSpan.FromSeconds(180), 2);
        await Alerter().ProcessAsync([before], CancellationToken.None);
        await Alerter().ProcessAsync([after], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);
        var settled = seen.Get("dev-1");

        var replayed = await Alerter().ProcessAsync([before, after], CancellationToken.None);
        await Alerter().ProcessAsync([before], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.True(replayed.Succeeded);
        Assert.Equal(settled, seen.Get("dev-1"));
        Assert.Equal("DeviceSilent,DeviceResumed", Published());
    }

    [Fact]
    public async Task ProcessAsync_CatchingUpAfterAnOutage_TheWatchdogAllowsForTheLagMeasured()
    {
        // dev-1 sends every 10 s; the alerter reads its first reading, then is down for five minutes and catches up.
        var readings = Enumerable.Range(0, 31).Select(i => Arrived(TimeSpan.FromSeconds(i * 10), i + 1)).ToList();
        var alerter = Alerter();
        await alerter.ProcessAsync(readings[..1], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));

        await alerter.ProcessAsync(readings[1..11], CancellationToken.None);
        var stored = seen.Get("dev-1")!.Device;
        var behind = await Watchdog().RunAsync(CancellationToken.None);
        await alerter.ProcessAsync(readings[11..], CancellationToken.None);
        var caughtUp = await Watchdog().RunAsync(CancellationToken.None);

        Assert.NotNull(SilenceWatch.Check(stored, Rules, clock.GetUtcNow(), Lag, TimeSpan.Zero));
        Assert.Equal((0, 0), (behind.Silent, caughtUp.Silent));
        Assert.Empty(publisher.Published);
        Assert.Equal(TimeSpan.Zero, (await seen.ReadLagsAsync(CancellationToken.None))[Shard].Behind);
    }

    [Fact]
    public async Task ProcessAsync_Steadily_MeasuresTheLagOncePerLagOrAtOnceWhenItMoves()
    {
        var alerter = Alerter();
        foreach (var seconds in new[] { 0, 5, 10, 20 })
        {
            clock.Advance(TimeSpan.FromSeconds(seconds) - (clock.GetUtcNow() - At0400));
            await alerter.ProcessAsync([Arrived(TimeSpan.FromSeconds(seconds), seconds + 1)], CancellationToken.None);
        }

        var steady = seen.LagWrites;
        clock.Advance(TimeSpan.FromSeconds(1));
        await alerter.ProcessAsync([Arrived(TimeSpan.FromSeconds(-40), 100)], CancellationToken.None);

        Assert.Equal(2, steady);
        Assert.Equal(3, seen.LagWrites);
        Assert.Equal(TimeSpan.FromSeconds(61), (await seen.ReadLagsAsync(CancellationToken.None))[Shard].Behind);
    }
}
