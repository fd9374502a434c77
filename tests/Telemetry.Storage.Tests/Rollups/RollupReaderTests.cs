using Telemetry.Processing;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rollups;

[Collection(DynaliteCollection.Name)]
public class RollupReaderTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> SixMinutesShuffledAsync()
    {
        var device = NewDeviceId();
        var readings = new[] { 3, 0, 5, 1, 4, 2 }
            .Select(minute => At(device, TenOClock.AddMinutes(minute).AddSeconds(7), minute + 1, ("temp", minute), ("humidity", 40 + minute)));

        await Seed.RollupsAsync(dynalite.Client, table, readings);
        return device;
    }

    [Fact]
    public async Task QueryAsync_RangeAndMetric_ReturnsOverlappingWindowsInTimeOrderWithOnlyThatMetric()
    {
        var device = await SixMinutesShuffledAsync();
        var reader = new RollupReader(dynalite.Client, table);

        var rows = await reader.QueryAsync(device, Resolution.Minute, TenOClock.AddMinutes(1).AddSeconds(30), TenOClock.AddMinutes(4), "temp", CancellationToken.None);

        Assert.Equal([1, 2, 3, 4], rows.Select(r => (int)(r.WindowStart - TenOClock).TotalMinutes));
        Assert.All(rows, r => Assert.Equal(["temp"], r.Metrics.Keys));
        Assert.Equal([1.0, 2, 3, 4], rows.Select(r => r.Metrics["temp"].Sum));
    }

    [Fact]
    public async Task QueryAsync_HourResolutionWithoutBounds_ReturnsTheHourWithAllMetrics()
    {
        var device = await SixMinutesShuffledAsync();
        var reader = new RollupReader(dynalite.Client, table);

        var rows = await reader.QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None);

        var row = Assert.Single(rows);
        Assert.Equal((TenOClock, 6L), (row.WindowStart, row.ReadingCount));
        Assert.Equal(["humidity", "temp"], row.Metrics.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QueryAsync_OnlyUpperBound_ReturnsWindowsUpToIt()
    {
        var device = await SixMinutesShuffledAsync();
        var reader = new RollupReader(dynalite.Client, table);

        var rows = await reader.QueryAsync(device, Resolution.Minute, null, TenOClock.AddMinutes(1), null, CancellationToken.None);

        Assert.Equal([TenOClock, TenOClock.AddMinutes(1)], rows.Select(r => r.WindowStart));
    }

    [Fact]
    public async Task CountReadingsAsync_FreshTable_SumsReadingsOfMinuteWindowsOnly()
    {
        var fresh = await dynalite.NewTableAsync();
        await Seed.RejectsAsync(dynalite.Client, fresh, Seed.Reject("shardId-000000000000", "99"));
        await Seed.RollupsAsync(dynalite.Client, fresh, Enumerable.Range(0, 7).Select(i => At($"dev-{i % 3}", TenOClock.AddMinutes(i * 13), i + 1, ("temp", i))));

        var reader = new RollupReader(dynalite.Client, fresh);
        Assert.Equal(7, await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None));
        Assert.Equal(7, await reader.CountReadingsAsync(Resolution.Hour, CancellationToken.None));
    }
}
