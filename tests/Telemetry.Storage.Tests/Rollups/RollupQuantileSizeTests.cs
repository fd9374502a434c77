using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Producer.Devices;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using Xunit.Abstractions;

namespace Telemetry.Storage.Tests.Rollups;

// What the sketches cost a busy device's items: the simulator's noisy signals at one reading a second, for an hour.
[Collection(DynaliteCollection.Name)]
public class RollupQuantileSizeTests(DynaliteFixture dynalite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Write_HourOfNoisyReadingsEverySecond_KeepsEachKindsItemsSmallAndItsPercentiles()
    {
        var generator = new ReadingGenerator(Fleet.Generate(3, seed: 42), Hour, ratePerDevice: 1);
        var minutes = new RollupRecompute();
        var readings = new List<Reading>();
        for (var i = 0; i < 3 * 3600; i++)
        {
            readings.Add(generator.Next());
        }

        foreach (var batch in readings.Chunk(500))
        {
            var windows = batch.GroupBy(r => new WindowKey(r.DeviceId, Resolution.Minute, Resolution.Minute.WindowStart(r.Timestamp)))
                .Select(g => new WindowContributions(g.Key, [.. g.Select(r => new SequencedReading("shardId-000000000000", SequenceNumber.Parse("1"), r))]))
                .ToList();
            await minutes.ApplyAsync(windows, CancellationToken.None);
        }

        foreach (var device in generator.Fleet.Devices)
        {
            var deviceMinutes = minutes.Windows.Where(w => w.Key.DeviceId == device.DeviceId).Select(w => (w.Key.Start, w.Value)).ToList();
            var hour = HourDerivation.Derive(deviceMinutes, WindowLimits.Default)!;
            var largestMinute = deviceMinutes.MaxBy(m => m.Value.Metrics.Values.Sum(s => s.Quantiles!.Positive.Length + s.Quantiles.Negative.Length));

            var minuteBytes = await WriteAsync(new WindowKey(device.DeviceId, Resolution.Minute, largestMinute.Start), largestMinute.Value);
            var hourBytes = await WriteAsync(new WindowKey(device.DeviceId, Resolution.Hour, Hour), hour);
            var withoutSketches = await WriteAsync(
                new WindowKey(device.DeviceId + "-plain", Resolution.Hour, Hour),
                hour with { Metrics = hour.Metrics.ToDictionary(m => m.Key, m => m.Value with { Quantiles = null }) });

            output.WriteLine(
                $"{device.DeviceType}: {hour.ReadingCount} readings; minute item {minuteBytes} B, hour item {hourBytes} B " +
                $"({withoutSketches} B without sketches); sketch bins {string.Join(", ", hour.Metrics.Select(m => $"{m.Key} {m.Value.Quantiles!.Positive.Length + m.Value.Quantiles.Negative.Length}"))}");
            Assert.Equal(3600, hour.ReadingCount);
            Assert.All(hour.Metrics.Values, m => Assert.NotNull(m.Percentile(0.99)));
            Assert.True(hourBytes - withoutSketches < 1024, $"The sketches add {hourBytes - withoutSketches} B to the hour of {device.DeviceType}.");
        }
    }

    private async Task<int> WriteAsync(WindowKey key, RollupState state)
    {
        await dynalite.Client.UpdateItemAsync(RollupItem.Write(table, key, state, 0, null));
        var item = (await dynalite.Client.GetItemAsync(new GetItemRequest { TableName = table, Key = RollupTable.Key(key), ConsistentRead = true })).Item;
        Assert.NotNull(RollupItem.Read(item));
        return DynamoItemSize.Of(item);
    }
}
