using Telemetry.Contracts.Alerts;
using Telemetry.Storage.Alerts;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Storage.Tests.Alerts;

[Collection(DynaliteCollection.Name)]
public sealed class AlertEpisodeLogTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.NewTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static AlertEvent Raised(string episode, DateTimeOffset startedAt) =>
        new(AlertEventTypes.AlertRaised, episode, "thermostat-0001", "thermostat", "plant-a", startedAt) { RuleId = "hot", Value = 30, RaisedAt = startedAt.AddSeconds(30) };

    private static AlertEvent Cleared(AlertEvent raised) =>
        raised with { DetailType = AlertEventTypes.AlertCleared, Value = 21, EndedAt = raised.StartedAt.AddMinutes(5) };

    [Fact]
    public async Task RecordAsync_RaiseClearAndALateRepeatOfTheRaise_EpisodeStaysClosed()
    {
        var log = new AlertEpisodeLog(dynalite.Client, table);
        var raised = Raised("e1", Ten);

        Assert.Empty(await log.RecordAsync([raised, Cleared(raised)], CancellationToken.None));
        Assert.Empty(await log.RecordAsync([raised], CancellationToken.None));

        var row = Assert.Single(await new AlertEpisodeReader(dynalite.Client, table).QueryAsync(Ten.AddHours(-1), Ten.AddHours(1), CancellationToken.None));
        Assert.Equal(raised, row.Opened);
        Assert.Equal(Cleared(raised), row.Closed);
        Assert.False(row.IsOpen);
    }

    [Fact]
    public async Task QueryAsync_EpisodesOverSeveralDays_ReturnsThoseStartedInTheRangeInStartOrder()
    {
        var log = new AlertEpisodeLog(dynalite.Client, table);
        await log.RecordAsync([Raised("late", Ten.AddDays(1)), Raised("early", Ten), Raised("outside", Ten.AddDays(3)), Raised("before", Ten.AddMinutes(-1))], CancellationToken.None);

        var rows = await new AlertEpisodeReader(dynalite.Client, table).QueryAsync(Ten, Ten.AddDays(2), CancellationToken.None);

        Assert.Equal(["early", "late"], rows.Select(r => r.Any.EpisodeId));
        Assert.All(rows, r => Assert.True(r.IsOpen));
    }
}
