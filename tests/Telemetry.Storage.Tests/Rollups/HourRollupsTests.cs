using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rollups;

// Hours derived from their minutes on dynalite: written once the hour is over, never from the readings themselves.
[Collection(DynaliteCollection.Name)]
public class HourRollupsTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string Shard = "shardId-000000000000";
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private static IReadOnlyList<WindowContributions> Batch(string device, params int[] seconds) =>
        BatchPlanner.GroupByWindow(
            seconds.Select(s => new SequencedReading(Shard, SequenceNumber.Parse($"{s + 1}"), At(device, TenOClock.AddSeconds(s), s + 1, ("temp", s)))),
            AggregationOptions.Default);

    private async Task<bool> HourItemExistsAsync(string device) =>
        (await dynalite.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new(RollupTable.DevicePartition(device, Resolution.Hour)), ["sk"] = new(RollupTable.WindowSortKey(TenOClock)) },
            ConsistentRead = true,
        })).Item is { Count: > 0 };

    private async Task<List<Dictionary<string, AttributeValue>>> MarkersAsync() =>
        (await dynalite.Client.ScanAsync(new ScanRequest
        {
            TableName = table,
            FilterExpression = "begins_with(pk, :prefix)",
            ExpressionAttributeValues = new() { [":prefix"] = new("HOURS#") },
            ConsistentRead = true,
        })).Items;

    [Fact]
    public async Task ApplyAsync_HourStillOpen_WritesOnlyTheMinutesUntilTheSweepDerivesTheHour()
    {
        var device = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddMinutes(30));
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time);

        await store.ApplyAsync(Batch(device, 10, 70, 130), CancellationToken.None);
        await store.ApplyAsync(Batch(device, 200), CancellationToken.None);

        Assert.False(await HourItemExistsAsync(device));
        Assert.Contains(await MarkersAsync(), m => m["deviceId"].S == device);

        // The reader derives the open hour from its minutes meanwhile.
        var open = await new RollupReader(dynalite.Client, table, time).QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None);
        Assert.Equal(4, Assert.Single(open).ReadingCount);

        time.SetUtcNow(TenOClock.AddHours(1) + HourRollups.Grace);
        var swept = await store.Hours.SweepAsync(CancellationToken.None);

        Assert.True(swept >= 1);
        Assert.True(await HourItemExistsAsync(device));
        Assert.DoesNotContain(await MarkersAsync(), m => m["deviceId"].S == device);
        var hour = Assert.Single(await new RollupReader(dynalite.Client, table, time).QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None));
        Assert.Equal((4, 10.0 + 70 + 130 + 200, 10.0, 200.0), (hour.ReadingCount, hour.Metrics["temp"].Sum, hour.Metrics["temp"].Min, hour.Metrics["temp"].Max));
    }

    [Fact]
    public async Task SweepAsync_HourEndedLessThanTheGraceAgo_LeavesTheMarker()
    {
        var device = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddMinutes(59));
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time);
        await store.ApplyAsync(Batch(device, 3500), CancellationToken.None);

        time.SetUtcNow(TenOClock.AddHours(1) + HourRollups.Grace - TimeSpan.FromSeconds(1));
        await store.Hours.SweepAsync(CancellationToken.None);

        Assert.False(await HourItemExistsAsync(device));
        Assert.Contains(await MarkersAsync(), m => m["deviceId"].S == device);
    }

    [Fact]
    public async Task ApplyAsync_MinuteWrittenAfterItsHourEnded_DerivesTheHourAtOnceWithoutAMarker()
    {
        var device = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddMinutes(30));
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time);
        await store.ApplyAsync(Batch(device, 10), CancellationToken.None);
        time.SetUtcNow(TenOClock.AddHours(3));

        // A late reading of the same hour, and the redelivery of the first.
        await store.ApplyAsync(Batch(device, 10, 3000), CancellationToken.None);

        var hour = Assert.Single(await new RollupReader(dynalite.Client, table, time).QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None));
        Assert.Equal(2, hour.ReadingCount);
        Assert.True(await HourItemExistsAsync(device));
    }

    [Fact]
    public async Task ApplyAsync_EndedHourCannotBeDerived_HandsTheMinuteBackAndMarksTheHourForTheSweep()
    {
        var device = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddHours(2));
        var failing = InterceptingDynamoDb.Wrap(dynalite.Client, request =>
            request is UpdateItemRequest update && update.Key["pk"].S.EndsWith("#1h", StringComparison.Ordinal)
                ? throw new Amazon.DynamoDBv2.AmazonDynamoDBException("injected outage")
                : Task.CompletedTask);

        var result = await new RollupStore(failing, table, TextWriter.Null, null, time: time).ApplyAsync(Batch(device, 10), CancellationToken.None);

        Assert.Equal(Resolution.Minute, Assert.Single(result.Failed).Key.Resolution);
        Assert.False(await HourItemExistsAsync(device));
        Assert.Contains(await MarkersAsync(), m => m["deviceId"].S == device);

        // Should the write never be retried, the sweep of any writer derives the hour.
        await new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time).Hours.SweepAsync(CancellationToken.None);

        Assert.True(await HourItemExistsAsync(device));
        Assert.DoesNotContain(await MarkersAsync(), m => m["deviceId"].S == device);
    }

    [Fact]
    public async Task DeriveAsync_AMinuteLandsBetweenReadingTheHourAndItsMinutes_TheLaterDerivationWins()
    {
        var device = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddHours(2));
        var plain = new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time);
        await plain.ApplyAsync(Batch(device, 10), CancellationToken.None);
        var raced = 0;

        // While a derivation queries the minutes, another writer adds a minute and derives the hour itself.
        var racing = InterceptingDynamoDb.Wrap(dynalite.Client, async request =>
        {
            if (request is QueryRequest && Interlocked.Increment(ref raced) == 1)
            {
                await plain.ApplyAsync(Batch(device, 1000), CancellationToken.None);
            }
        });
        var failed = await new RollupStore(racing, table, TextWriter.Null, null, time: time).Hours.DeriveAsync([new WindowKey(device, Resolution.Hour, TenOClock)], CancellationToken.None);

        Assert.Empty(failed);
        var hour = Assert.Single(await new RollupReader(dynalite.Client, table, time).QueryAsync(device, Resolution.Hour, null, null, null, CancellationToken.None));
        Assert.Equal(2, hour.ReadingCount);
    }

    [Fact]
    public async Task CountReadingsAsync_HoursOpenAndSettled_CountsEachReadingOnce()
    {
        var prefix = NewDeviceId();
        var time = new FakeTimeProvider(TenOClock.AddMinutes(30));
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null, time: time);
        await store.ApplyAsync(Batch(prefix + "-a", 10, 20), CancellationToken.None);
        time.SetUtcNow(TenOClock.AddHours(2));
        await store.ApplyAsync(Batch(prefix + "-b", 30), CancellationToken.None);
        var reader = new RollupReader(dynalite.Client, table, time);

        Assert.Equal(3, await reader.CountReadingsAsync(Resolution.Hour, prefix, CancellationToken.None));
        Assert.Equal(3, await reader.CountReadingsAsync(Resolution.Minute, prefix, CancellationToken.None));
    }
}
