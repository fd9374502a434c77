using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rollups;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rollups;

// Partials of a flush interval folded into the stored windows, on dynalite.
[Collection(DynaliteCollection.Name)]
public class RollupStoreFlushTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.TableForAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;

    private static IReadOnlyDictionary<WindowKey, RollupState> Partials(string device, int from, int to)
    {
        var gathered = new RollupRecompute();
        gathered.ApplyAsync(
            BatchPlanner.GroupByWindow(
                Enumerable.Range(from, to - from + 1).Select(i => new SequencedReading("shardId-1", SequenceNumber.Parse($"{i}"), At(device, TenOClock.AddSeconds(i), i, ("temp", i)))),
                AggregationOptions.Default),
            CancellationToken.None).GetAwaiter().GetResult();
        return gathered.Windows;
    }

    private async Task<long> CountAsync(string device, Resolution resolution) =>
        (await new RollupReader(dynalite.Client, table).QueryAsync(device, resolution, null, null, null, CancellationToken.None)).Single().ReadingCount;

    [Fact]
    public async Task FlushAsync_TwoDisjointIntervals_WritesEachMinuteOncePerIntervalAndDerivesTheEndedHour()
    {
        var device = NewDeviceId();
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null);

        var first = await store.FlushAsync(Partials(device, 1, 10), CancellationToken.None);
        var second = await store.FlushAsync(Partials(device, 11, 30), CancellationToken.None);
        var again = await store.FlushAsync(Partials(device, 11, 30), CancellationToken.None);

        Assert.Equal((1, 1, 0), (first.Written, second.Written, again.Written));
        Assert.Empty(again.NeedsReadings);
        Assert.Equal(30, await CountAsync(device, Resolution.Minute));
        Assert.Equal(30, await CountAsync(device, Resolution.Hour));
    }

    [Fact]
    public async Task FlushAsync_StoredWindowHoldsPartOfThePartial_HandsItBackUnwritten()
    {
        var device = NewDeviceId();
        var store = new RollupStore(dynalite.Client, table, TextWriter.Null, null);
        await store.FlushAsync(Partials(device, 1, 5), CancellationToken.None);

        var overlapping = await store.FlushAsync(Partials(device, 4, 10), CancellationToken.None);

        Assert.Single(overlapping.NeedsReadings);
        Assert.Equal(0, overlapping.Written);
        Assert.Equal(5, await CountAsync(device, Resolution.Minute));
    }

    [Fact]
    public async Task FlushAsync_AnotherWriterGetsInBetweenTheReadAndTheWrite_RedoesTheFoldOnItsWindow()
    {
        var device = NewDeviceId();
        var plain = new RollupStore(dynalite.Client, table, TextWriter.Null, null);
        await plain.FlushAsync(Partials(device, 1, 5), CancellationToken.None);
        var raced = 0;
        // Before the flush's first write lands, a replay writes readings 6-8 to the same windows.
        var racing = InterceptingDynamoDb.Wrap(dynalite.Client, async request =>
        {
            if (request is UpdateItemRequest && Interlocked.Increment(ref raced) == 1)
            {
                await plain.FlushAsync(Partials(device, 6, 8), CancellationToken.None);
            }
        });

        var result = await new RollupStore(racing, table, TextWriter.Null, null).FlushAsync(Partials(device, 9, 10), CancellationToken.None);

        Assert.Equal(1, result.Written);
        Assert.Equal(10, await CountAsync(device, Resolution.Minute));
        Assert.Equal(10, await CountAsync(device, Resolution.Hour));
    }

    [Fact]
    public async Task FlushAsync_AReplayWritesSomeOfThePartialInBetween_HandsTheWindowsBackUnwritten()
    {
        var device = NewDeviceId();
        var plain = new RollupStore(dynalite.Client, table, TextWriter.Null, null);
        await plain.FlushAsync(Partials(device, 1, 5), CancellationToken.None);
        var raced = 0;
        var racing = InterceptingDynamoDb.Wrap(dynalite.Client, async request =>
        {
            // The minute's write, whichever of the two parallel writes comes first.
            if (request is UpdateItemRequest update && update.Key["pk"].S.EndsWith("#1m", StringComparison.Ordinal) && Interlocked.Increment(ref raced) == 1)
            {
                await plain.FlushAsync(Partials(device, 9, 9), CancellationToken.None);
            }
        });

        var result = await new RollupStore(racing, table, TextWriter.Null, null).FlushAsync(Partials(device, 6, 10), CancellationToken.None);

        Assert.Contains(new WindowKey(device, Resolution.Minute, TenOClock), result.NeedsReadings);
        Assert.Equal(6, await CountAsync(device, Resolution.Minute));
    }
}
