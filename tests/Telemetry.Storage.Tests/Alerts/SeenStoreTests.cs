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

        Assert.Empty(await Store().RecordAsync([.. devices.Select(d => Heard(d, Ten.AddSeconds(30)))], CancellationToken.None));
        Assert.Empty(await Store().RecordAsync([Heard(devices[0], Ten)], CancellationToken.None));
        var all = await Store().ReadAllAsync(CancellationToken.None);

        Assert.Equal(devices.Order(StringComparer.Ordinal), all.Select(s => s.Device.DeviceId).Order(StringComparer.Ordinal));
        Assert.All(all, s => Assert.Equal(Ten.AddSeconds(30), s.Device.LastArrival));
        Assert.True(all.Select(s => SeenTable.Partition(s.Device.DeviceId)).Distinct().Count() > 1, "devices spread over buckets");
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
}
