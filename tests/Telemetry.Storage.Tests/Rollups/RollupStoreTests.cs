using Telemetry.Contracts;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rollups;

[Collection(DynaliteCollection.Name)]
public class RollupStoreTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ApplyAsync_OutageOnOneDevice_ReturnsItsWindowsAndWritesTheOthers()
    {
        var (healthy, broken) = (NewDeviceId(), NewDeviceId());
        var windows = BatchPlanner.GroupByWindow(
            [
                new SequencedReading("shardId-1", SequenceNumber.Parse("1"), At(healthy, TenOClock.AddSeconds(1), 1, ("temp", 1))),
                new SequencedReading("shardId-1", SequenceNumber.Parse("2"), At(broken, TenOClock.AddSeconds(2), 1, ("temp", 1))),
            ],
            AggregationOptions.Default);
        var failing = InterceptingDynamoDb.Wrap(dynalite.Client, request =>
            request is UpdateItemRequest update && update.Key["pk"].S.Contains(broken, StringComparison.Ordinal)
                ? throw new AmazonDynamoDBException("injected outage")
                : Task.CompletedTask);

        var failed = await new RollupStore(failing, table, TextWriter.Null, null).ApplyAsync(windows, CancellationToken.None);

        // Hours are derived from the minutes, never written from the batch: only the minute is handed back.
        Assert.Equal([(broken, Resolution.Minute)], failed.Failed.Select(w => (w.Key.DeviceId, w.Key.Resolution)).Order());
        var reader = new RollupReader(dynalite.Client, table);
        Assert.Single(await reader.QueryAsync(healthy, Resolution.Minute, null, null, null, CancellationToken.None));
        Assert.Empty(await reader.QueryAsync(broken, Resolution.Minute, null, null, null, CancellationToken.None));
        Assert.Single(await reader.QueryAsync(healthy, Resolution.Hour, null, null, null, CancellationToken.None));
        Assert.Empty(await reader.QueryAsync(broken, Resolution.Hour, null, null, null, CancellationToken.None));
    }
}
