using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Tests.Fakes;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class SilenceWatchdogTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(15);
    private static readonly AlertRuleSet Rules = new([], new Dictionary<string, TimeSpan> { ["thermostat"] = TimeSpan.FromMinutes(2) });

    private readonly FakeTimeProvider clock = new(Ten);
    private readonly InMemorySeenStore seen = new();
    private readonly InMemoryEpisodeLog episodes = new();
    private readonly RecordingAlertPublisher publisher = new();

    private SilenceWatchdog Watchdog() => new(Rules, seen, episodes, publisher, clock, Lag);

    private Task Heard(string deviceId, DateTimeOffset arrival) =>
        seen.RecordAsync([new SeenUpdate(deviceId, "thermostat", "plant-a", arrival, arrival)], CancellationToken.None);

    private string Published() => string.Join(",", publisher.Published.Select(e => $"{e.DetailType}:{e.DeviceId}"));

    [Fact]
    public async Task RunAsync_DeviceQuietAcrossRuns_SilentOnceThenResumedOnceHeard()
    {
        await Heard("quiet", Ten);
        await Heard("chatty", Ten);

        clock.Advance(TimeSpan.FromMinutes(3));
        await Heard("chatty", clock.GetUtcNow());
        var first = await Watchdog().RunAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Heard("chatty", clock.GetUtcNow());
        var second = await Watchdog().RunAsync(CancellationToken.None);
        await Heard("quiet", clock.GetUtcNow());
        var third = await Watchdog().RunAsync(CancellationToken.None);

        Assert.Equal((2, 1, 0, 0), (first.Devices, first.Silent, first.Resumed, first.Failed));
        Assert.Equal((0, 0), (second.Silent, second.Resumed));
        Assert.Equal((0, 1), (third.Silent, third.Resumed));
        Assert.Equal("DeviceSilent:quiet,DeviceResumed:quiet", Published());
        Assert.Equal(publisher.Published[0].EpisodeId, publisher.Published[1].EpisodeId);
        Assert.False(Assert.Single(episodes.Episodes).Value.Closed is null);
        Assert.Null(seen.Get("quiet")!.Device.Silence);
    }

    [Fact]
    public async Task RunAsync_PublishFails_KeepsTheEventAndTheNextRunPublishesIt()
    {
        await Heard("quiet", Ten);
        clock.Advance(TimeSpan.FromMinutes(5));
        publisher.FailNext = 1;

        var failed = await Watchdog().RunAsync(CancellationToken.None);
        var next = await Watchdog().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (failed.Silent, failed.Failed));
        Assert.Equal((0, 0), (next.Silent, next.Failed));
        Assert.Equal("DeviceSilent:quiet", Published());
        Assert.Empty(seen.Get("quiet")!.Outbox);
    }

    [Fact]
    public async Task RunAsync_DeviceHeardFromBetweenReadAndDecision_NotCalledSilent()
    {
        await Heard("quiet", Ten);
        clock.Advance(TimeSpan.FromMinutes(5));
        var late = new InterleavingSeenStore(seen, () => Heard("quiet", clock.GetUtcNow()).GetAwaiter().GetResult());

        var outcome = await new SilenceWatchdog(Rules, late, episodes, publisher, clock, Lag).RunAsync(CancellationToken.None);

        Assert.Equal(0, outcome.Silent);
        Assert.Empty(publisher.Published);
    }

    // Runs an action (the alerter recording a reading) between the watchdog's read and its decision.
    private sealed class InterleavingSeenStore(InMemorySeenStore inner, Action between) : ISeenStore
    {
        public Task<SeenRecording> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken) =>
            inner.RecordAsync(updates, cancellationToken);

        public Task<StoredSeen?> ReadAsync(string deviceId, CancellationToken cancellationToken) => inner.ReadAsync(deviceId, cancellationToken);

        public Task<bool> RecordAfterAsync(StoredSeen? read, SeenUpdate update, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken) =>
            inner.RecordAfterAsync(read, update, outbox, cancellationToken);

        public Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

        public Task<bool> RecordLagAsync(ShardLag lag, CancellationToken cancellationToken) => inner.RecordLagAsync(lag, cancellationToken);

        public Task<IReadOnlyDictionary<string, ShardLag>> ReadLagsAsync(CancellationToken cancellationToken) => inner.ReadLagsAsync(cancellationToken);

        public Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
        {
            between();
            return inner.DecideAsync(current, silence, outbox, cancellationToken);
        }
    }
}
