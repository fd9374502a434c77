using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Streams;
using Telemetry.Storage.Alerts;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Storage.Tests.Alerts;

[Collection(DynaliteCollection.Name)]
public sealed class AlertStateStoreTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private AlertStateStore Store() => new(dynalite.Client, table);

    private static string NewDevice() => $"thermostat-{Guid.NewGuid():N}";

    [Fact]
    public async Task SaveAsync_FiringStateWithOutbox_LoadsBackEqual()
    {
        var device = NewDevice();
        var raisedBy = new ReadingId(device, 7, 42);
        var episode = new AlertEpisode(EpisodeIds.Of("hot", raisedBy), Ten, Ten.AddSeconds(30), raisedBy, 81.5);
        var raised = new AlertEvent(AlertEventTypes.AlertRaised, episode.Id, device, "thermostat", "plant-a", Ten) { RuleId = "hot", Value = 81.5, RaisedAt = Ten.AddSeconds(30) };
        var stored = new StoredAlertState(new AlertState(AlertPhase.Firing, raisedBy, Ten, 3, episode), 1, [raised]);

        Assert.True(await Store().SaveAsync(device, "hot", stored, 0, CancellationToken.None));
        var loaded = await Store().LoadAsync(device, CancellationToken.None);

        var back = Assert.Single(loaded);
        Assert.Equal("hot", back.Key);
        Assert.Equal(stored.State, back.Value.State);
        Assert.Equal(stored.Version, back.Value.Version);
        Assert.Equal(stored.Outbox, back.Value.Outbox);
    }

    [Fact]
    public async Task SaveAsync_StaleVersion_LosesAndKeepsTheWinner()
    {
        var device = NewDevice();
        var first = new StoredAlertState(AlertState.Initial with { Phase = AlertPhase.Pending, BreachSince = Ten, BreachReadings = 1 }, 1, []);
        var second = first with { Version = 2, State = first.State with { BreachReadings = 2 } };

        Assert.True(await Store().SaveAsync(device, "hot", first, 0, CancellationToken.None));
        Assert.False(await Store().SaveAsync(device, "hot", first, 0, CancellationToken.None));
        Assert.True(await Store().SaveAsync(device, "hot", second, 1, CancellationToken.None));
        Assert.False(await Store().SaveAsync(device, "hot", second with { Version = 9 }, 1, CancellationToken.None));

        Assert.Equal(2, (await Store().LoadAsync(device, CancellationToken.None))["hot"].State.BreachReadings);
    }

    [Fact]
    public async Task ProcessAsync_ConcurrentInvocationsOnOneDevice_OneEpisodeRaisedAndClearedOnce()
    {
        // Eight invocations at once, each with the whole run of readings (as after a reshard plus redeliveries),
        // against the real emulator: the conditional writes must leave one raise and one clear.
        var device = NewDevice();
        var rules = new AlertRuleSet(
            [new AlertRule("hot", "temperature", "thermostat", AlertDirection.Above, 80, 75, AlertCondition.ConsecutiveReadings(2), AlertSeverity.Warning)],
            new Dictionary<string, TimeSpan>());
        var temperatures = new[] { 70.0, 81, 82, 83, 79, 74, 70 };
        var records = temperatures
            .Select((t, i) => StreamRecord.FromBytes(
                "shardId-000000000000",
                $"4959{i + 1:D20}",
                device,
                ReadingCodec.Encode(new Reading(2, device, "thermostat", "plant-a", Ten.AddSeconds(i), i + 1, new Dictionary<string, double> { ["temperature"] = t }, 1)),
                Ten))
            .ToArray();
        var publisher = new ConcurrentPublisher();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            new AlertBatchProcessor(rules, Store(), new AlertEpisodeLog(dynalite.Client, table), publisher, new SeenStore(dynalite.Client, table), new NoRejects(), TimeProvider.System, TimeSpan.FromSeconds(15)).ProcessAsync(records, CancellationToken.None))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var transitions = publisher.Published.Select(e => (e.DetailType, e.EpisodeId)).Distinct().ToList();
        Assert.Equal([AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared], transitions.Select(t => t.DetailType).Order(StringComparer.Ordinal).Reverse());
        Assert.Single(transitions.Select(t => t.EpisodeId).Distinct());
        var final = (await Store().LoadAsync(device, CancellationToken.None))["hot"];
        Assert.Equal(AlertPhase.Ok, final.State.Phase);
        Assert.Empty(final.Outbox);
    }
}
