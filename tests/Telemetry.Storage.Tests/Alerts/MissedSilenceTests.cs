using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Streams;
using Telemetry.Storage.Alerts;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Storage.Tests.Alerts;

// The alerter finding a silence the watchdog missed, against the watchdog deciding at the same time, on dynalite:
// whichever order their conditional writes land in, one DeviceSilent and one DeviceResumed per silence.
[Collection(DynaliteCollection.Name)]
public sealed class MissedSilenceTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string Shard = "shardId-000000000000";
    private static readonly DateTimeOffset Ten = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lag = TimeSpan.FromSeconds(15);
    private static readonly AlertRuleSet Rules = new([], new Dictionary<string, TimeSpan> { ["thermostat"] = TimeSpan.FromMinutes(2) });

    private readonly FakeTimeProvider clock = new(Ten);
    private readonly ConcurrentPublisher publisher = new();
    private string table = null!;
    private long position;

    public async Task InitializeAsync() => table = await dynalite.NewTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private SeenStore Seen() => new(dynalite.Client, table);

    private AlertBatchProcessor Alerter(ISeenStore? seen = null) =>
        new(Rules, new AlertStateStore(dynalite.Client, table), new AlertEpisodeLog(dynalite.Client, table), publisher, seen ?? Seen(), new NoRejects(), clock, Lag);

    private SilenceWatchdog Watchdog(ISeenStore? seen = null) =>
        new(Rules, seen ?? Seen(), new AlertEpisodeLog(dynalite.Client, table), publisher, clock, Lag);

    private static string NewDevice() => $"thermostat-{Guid.NewGuid():N}";

    private StreamRecord Arrived(string device, DateTimeOffset arrival, long sequence) =>
        StreamRecord.FromBytes(
            Shard,
            $"4959{Interlocked.Increment(ref position):D20}",
            device,
            ReadingCodec.Encode(new Reading(2, device, "thermostat", "plant-a", arrival.AddSeconds(-1), sequence, new Dictionary<string, double> { ["temperature"] = 20 }, 1)),
            arrival);

    // Each silence as (detail type, episode id) pairs, repeats dropped as a subscriber drops them.
    private List<(string DetailType, string EpisodeId)> Transitions(string device) =>
        [.. publisher.Published.Where(e => e.DeviceId == device).Select(e => (e.DetailType, e.EpisodeId)).Distinct()];

    private static void AssertOneSilence(List<(string DetailType, string EpisodeId)> transitions)
    {
        Assert.Equal([AlertEventTypes.DeviceResumed, AlertEventTypes.DeviceSilent], transitions.Select(t => t.DetailType).Order(StringComparer.Ordinal));
        Assert.Single(transitions.Select(t => t.EpisodeId).Distinct());
    }

    [Fact]
    public async Task ProcessAsync_WatchdogDecidesBetweenTheAlertersReadAndItsWrite_TheAlerterYieldsAndOneSilenceGoesOut()
    {
        var device = NewDevice();
        await Alerter().ProcessAsync([Arrived(device, Ten, 1)], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var racing = new RacingSeenStore(Seen()) { BeforeRecordAfter = () => Watchdog().RunAsync(CancellationToken.None) };

        var outcome = await Alerter(racing).ProcessAsync([Arrived(device, clock.GetUtcNow(), 2)], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.True(racing.Raced);
        AssertOneSilence(Transitions(device));
        var settled = await Seen().ReadAsync(device, CancellationToken.None);
        Assert.Equal((null, 0), (settled!.Device.Silence, settled.Outbox.Count));
    }

    [Fact]
    public async Task RunAsync_AlerterRecordsTheGapBetweenTheWatchdogsReadAndItsDecision_TheWatchdogYieldsAndOneSilenceGoesOut()
    {
        var device = NewDevice();
        await Alerter().ProcessAsync([Arrived(device, Ten, 1)], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var back = Arrived(device, clock.GetUtcNow(), 2);
        var racing = new RacingSeenStore(Seen()) { BeforeDecide = () => Alerter().ProcessAsync([back], CancellationToken.None) };

        var run = await Watchdog(racing).RunAsync(CancellationToken.None);
        var next = await Watchdog().RunAsync(CancellationToken.None);

        Assert.True(racing.Raced);
        Assert.Equal((0, 0), (run.Silent, next.Silent));
        Assert.Equal(2, next.Published);
        AssertOneSilence(Transitions(device));
    }

    [Fact]
    public async Task ProcessAsync_AlerterAndWatchdogAtOnceOverManyDevices_OneSilencePerDevice()
    {
        var devices = Enumerable.Range(0, 16).Select(_ => NewDevice()).ToList();
        await Alerter().ProcessAsync([.. devices.Select(d => Arrived(d, Ten, 1))], CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var back = devices.Select(d => Arrived(d, clock.GetUtcNow(), 2)).ToList();

        // Two alerter invocations (the batch and its redelivery) and two overlapping watchdog runs, all at once.
        await Task.WhenAll(
            Task.Run(() => Alerter().ProcessAsync(back, CancellationToken.None)),
            Task.Run(() => Alerter().ProcessAsync([.. Enumerable.Reverse(back)], CancellationToken.None)),
            Task.Run(() => Watchdog().RunAsync(CancellationToken.None)),
            Task.Run(() => Watchdog().RunAsync(CancellationToken.None)));

        // A run whose outbox could not be emptied (the alerter moved the device on meanwhile) publishes it again
        // next time and decides the resume the time after.
        await Watchdog().RunAsync(CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.All(devices, d => AssertOneSilence(Transitions(d)));
        var history = await new AlertEpisodeReader(dynalite.Client, table).QueryAsync(Ten.AddMinutes(-1), Ten.AddMinutes(10), CancellationToken.None);
        Assert.All(devices, d => Assert.False(Assert.Single(history, h => h.Any.DeviceId == d).IsOpen));
    }

    [Fact]
    public async Task ProcessAsync_OldReadingsReplayedAfterTheGapWasRecorded_ChangeNothing()
    {
        var device = NewDevice();
        var before = Arrived(device, Ten, 1);
        var after = Arrived(device, Ten.AddMinutes(3), 2);
        await Alerter().ProcessAsync([before], CancellationToken.None);
        await Alerter().ProcessAsync([after], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);
        var settled = await Seen().ReadAsync(device, CancellationToken.None);
        var published = publisher.Published.Count;

        var replayed = await Alerter().ProcessAsync([before, after], CancellationToken.None);
        var older = await Alerter().ProcessAsync([before], CancellationToken.None);
        await Watchdog().RunAsync(CancellationToken.None);

        Assert.True(replayed.Succeeded && older.Succeeded);
        var now = (await Seen().ReadAsync(device, CancellationToken.None))!;
        Assert.Equal((settled!.Device, settled.Version), (now.Device, now.Version));
        Assert.Empty(now.Outbox);
        Assert.Equal(2, published);
        Assert.Equal(published, publisher.Published.Count);
    }

    // The real store, with a hook run just before the alerter's write after a read, or the watchdog's decision.
    private sealed class RacingSeenStore(SeenStore inner) : ISeenStore
    {
        public Func<Task>? BeforeRecordAfter { get; init; }

        public Func<Task>? BeforeDecide { get; init; }

        public bool Raced { get; private set; }

        public Task<SeenRecording> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken) => inner.RecordAsync(updates, cancellationToken);

        public Task<StoredSeen?> ReadAsync(string deviceId, CancellationToken cancellationToken) => inner.ReadAsync(deviceId, cancellationToken);

        public async Task<bool> RecordAfterAsync(StoredSeen? read, SeenUpdate update, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
        {
            await Once(BeforeRecordAfter);
            return await inner.RecordAfterAsync(read, update, outbox, cancellationToken);
        }

        public Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken) => inner.ReadAllAsync(cancellationToken);

        public async Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
        {
            await Once(BeforeDecide);
            return await inner.DecideAsync(current, silence, outbox, cancellationToken);
        }

        public Task<bool> RecordLagAsync(ShardLag lag, CancellationToken cancellationToken) => inner.RecordLagAsync(lag, cancellationToken);

        public Task<IReadOnlyDictionary<string, ShardLag>> ReadLagsAsync(CancellationToken cancellationToken) => inner.ReadLagsAsync(cancellationToken);

        private async Task Once(Func<Task>? hook)
        {
            if (hook is not null && !Raced)
            {
                Raced = true;
                await hook();
            }
        }
    }
}
