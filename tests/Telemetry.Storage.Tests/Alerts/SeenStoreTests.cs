using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Storage.Alerts;
using Telemetry.Storage.Tests.Support;

namespace Telemetry.Storage.Tests.Alerts;

[Collection(DynaliteCollection.Name)]
public sealed class SeenStoreTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Ten = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.NewTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private SeenStore Store() => new(dynalite.Client, table);

    private static SeenUpdate Heard(string device, DateTimeOffset arrival) => new(device, "thermostat", "plant-a", arrival.AddSeconds(-1), arrival);

    [Fact]
    public async Task RecordAsync_ManyDevicesAndAnOlderUpdate_ReadsEveryDeviceAtItsNewestArrival()
    {
        var devices = Enumerable.Range(0, 40).Select(i => $"thermostat-{i:D4}").ToList();

        var first = await Store().RecordAsync([.. devices.Select(d => Heard(d, Ten.AddSeconds(30)))], CancellationToken.None);
        Assert.Empty(first.Refused.Concat(first.Failed));
        Assert.Equal([Heard(devices[0], Ten)], (await Store().RecordAsync([Heard(devices[0], Ten)], CancellationToken.None)).Refused);
        var all = await Store().ReadAllAsync(CancellationToken.None);

        Assert.Equal(devices.Order(StringComparer.Ordinal), all.Select(s => s.Device.DeviceId).Order(StringComparer.Ordinal));
        Assert.All(all, s => Assert.Equal(Ten.AddSeconds(30), s.Device.LastArrival));
        Assert.True(all.Select(s => SeenTable.Partition(s.Device.DeviceId)).Distinct().Count() > 1, "devices spread over buckets");
    }

    [Fact]
    public async Task RecordAsync_NewestReadingsMetrics_AreReadBackAndKeptByAnUpdateWithout()
    {
        await Store().RecordAsync([Heard("thermostat-0001", Ten) with { Latest = new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 } }], CancellationToken.None);
        await Store().RecordAsync([Heard("thermostat-0001", Ten.AddSeconds(5))], CancellationToken.None);

        var device = Assert.Single(await Store().ReadAllAsync(CancellationToken.None)).Device;

        Assert.Equal(Ten.AddSeconds(5), device.LastArrival);
        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 }, device.Latest);
    }

    [Fact]
    public async Task DecideAsync_SilenceThenHeardAgain_ConditionedOnVersionAndArrival()
    {
        await Store().RecordAsync([Heard("quiet", Ten)], CancellationToken.None);
        var read = Assert.Single(await Store().ReadAllAsync(CancellationToken.None));
        var silence = new SilenceEpisode("s1", Ten.AddSeconds(-1), Ten);
        var silent = new AlertEvent(AlertEventTypes.DeviceSilent, "s1", "quiet", "thermostat", "plant-a", Ten) { LastSeenAt = Ten, SilentAfter = TimeSpan.FromMinutes(2) };

        Assert.True(await Store().DecideAsync(read, silence, [silent], CancellationToken.None));
        Assert.False(await Store().DecideAsync(read, silence, [silent], CancellationToken.None));
        var decided = Assert.Single(await Store().ReadAllAsync(CancellationToken.None));
        await Store().RecordAsync([Heard("quiet", Ten.AddMinutes(10))], CancellationToken.None);

        Assert.Equal((silence, 1L), (decided.Device.Silence, decided.Version));
        Assert.Equal([silent], decided.Outbox);
        Assert.False(await Store().DecideAsync(decided, silence, [], CancellationToken.None));
        var heard = Assert.Single(await Store().ReadAllAsync(CancellationToken.None));
        Assert.Equal((silence, Ten.AddMinutes(10)), (heard.Device.Silence, heard.Device.LastArrival));
        Assert.True(await Store().DecideAsync(heard, null, [], CancellationToken.None));
        Assert.Null(Assert.Single(await Store().ReadAllAsync(CancellationToken.None)).Device.Silence);
    }

    [Fact]
    public async Task RecordAsync_StoredBeforeTheGapFloor_RefusedUnlessASilenceIsOpen()
    {
        await Store().RecordAsync([Heard("gap", Ten), Heard("open", Ten)], CancellationToken.None);
        var open = Assert.Single(await Store().ReadAllAsync(CancellationToken.None), s => s.Device.DeviceId == "open");
        Assert.True(await Store().DecideAsync(open, new SilenceEpisode("s1", Ten.AddSeconds(-1), Ten), [], CancellationToken.None));
        var back = Ten.AddMinutes(3);

        var recording = await Store().RecordAsync([Heard("gap", back) with { GapFloor = back.AddSeconds(-135) }, Heard("open", back) with { GapFloor = back.AddSeconds(-135) }], CancellationToken.None);
        var justAtTheFloor = await Store().RecordAsync([Heard("gap", Ten.AddSeconds(135)) with { GapFloor = Ten }], CancellationToken.None);

        Assert.Equal(["gap"], recording.Refused.Select(u => u.DeviceId));
        Assert.Empty(recording.Failed);
        Assert.Empty(justAtTheFloor.Refused);
        Assert.Equal(back, (await Store().ReadAsync("open", CancellationToken.None))!.Device.LastArrival);
    }

    [Fact]
    public async Task RecordAfterAsync_ConditionedOnTheVersionAndArrivalRead_WritesTheOutboxAndTheShardOnce()
    {
        await Store().RecordAsync([Heard("quiet", Ten) with { ShardId = "shardId-000000000001" }], CancellationToken.None);
        var read = await Store().ReadAsync("quiet", CancellationToken.None);
        var silent = new AlertEvent(AlertEventTypes.DeviceSilent, "s1", "quiet", "thermostat", "plant-a", Ten) { LastSeenAt = Ten, SilentAfter = TimeSpan.FromMinutes(2) };
        var back = Heard("quiet", Ten.AddMinutes(3)) with { ShardId = "shardId-000000000002" };

        Assert.True(await Store().RecordAfterAsync(read, back, [silent], CancellationToken.None));
        Assert.False(await Store().RecordAfterAsync(read, back, [silent, silent], CancellationToken.None));
        Assert.False(await Store().RecordAfterAsync(null, back, [], CancellationToken.None));
        var written = (await Store().ReadAsync("quiet", CancellationToken.None))!;

        Assert.Equal("shardId-000000000001", read!.Device.ShardId);
        Assert.Equal((Ten.AddMinutes(3), "shardId-000000000002", read.Version + 1), (written.Device.LastArrival, written.Device.ShardId, written.Version));
        Assert.Equal([silent], written.Outbox);
        Assert.Null(await Store().ReadAsync("never-heard", CancellationToken.None));
    }

    [Fact]
    public async Task RecordLagAsync_AnEarlierMeasureWrittenLate_KeepsTheLatestPerShard()
    {
        var latest = new ShardLag("shardId-000000000000", TimeSpan.FromSeconds(95), Ten.AddSeconds(30));

        Assert.True(await Store().RecordLagAsync(latest, CancellationToken.None));
        Assert.True(await Store().RecordLagAsync(latest with { Behind = TimeSpan.Zero, MeasuredAt = Ten }, CancellationToken.None));
        Assert.True(await Store().RecordLagAsync(new ShardLag("shardId-000000000001", TimeSpan.FromMilliseconds(1500), Ten), CancellationToken.None));
        var lags = await Store().ReadLagsAsync(CancellationToken.None);

        Assert.Equal(latest, lags["shardId-000000000000"]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), lags["shardId-000000000001"].Behind);
        Assert.Empty(await Store().ReadAllAsync(CancellationToken.None));
    }
}
