using System.Text.Json;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tumbling;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

// The aggregator under the mapping's tumbling window: partials travel in the state and are written once per window.
public class AggregatorTumblingTests
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TumblingWindow Window = new(new(2025, 3, 1, 11, 59, 0, TimeSpan.Zero), new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeStores stores = new();

    private static KinesisEvent Readings(string device, KinesisEventBuilder builder, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            builder.Add(At(device, TenOClock.AddSeconds(i), i, ("temp", i)));
        }

        return builder.Build();
    }

    private static KinesisEvent InWindow(KinesisEvent kinesisEvent, Dictionary<string, string>? state, bool final, string shardId) =>
        kinesisEvent with
        {
            Window = Window,
            State = state?.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)) ?? [],
            ShardId = shardId,
            EventSourceArn = KinesisEventBuilder.StreamArn,
            IsFinalInvokeForWindow = final,
        };

    // Readings 1-4 counted already (an earlier window's copy of 3 and 4: producer duplicates, or a replay), then a
    // window carrying readings 3-10, whose records the shard gives back as kept says. Returns the final invocation.
    private async Task<Func<Task<StreamsEventResponse>>> OverlappingWindowAsync(string device, Func<int, bool> shardKeeps)
    {
        var shard = KinesisEventBuilder.NewShardId();
        var all = Readings(device, new KinesisEventBuilder(shard), 1, 10);
        var function = stores.NewFunction();
        await function.InvokeAsync(new KinesisEvent([.. all.Records.Take(4)]));
        var window = new KinesisEvent([.. all.Records.Skip(2)]);
        stores.Stream.Add(window.Records.Where((_, i) => shardKeeps(i)).Select(r => StreamRecord.FromBytes(
            shard, r.Kinesis.SequenceNumber, r.Kinesis.PartitionKey, Convert.FromBase64String(r.Kinesis.Data), DateTimeOffset.UnixEpoch)));
        var carried = await function.InvokeAsync(InWindow(window, null, final: false, shard));
        return () => function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard));
    }

    private RollupState Stored(string device, Resolution resolution) => stores.Rollups.Windows[new WindowKey(device, resolution, TenOClock)];

    [Fact]
    public async Task Handle_NotFinal_WritesNothingAndCarriesTheReadingsInTheState()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var function = stores.NewFunction();

        var response = await function.InvokeAsync(InWindow(Readings(device, new KinesisEventBuilder(shard), 1, 10), null, final: false, shard));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(0, stores.Rollups.Writes);
        var carried = PartialRollupsCodec.Decode(response.State![PartialRollupsCodec.StateKey]);
        Assert.Equal(10, carried.Windows[new WindowKey(device, Resolution.Minute, TenOClock)].ReadingCount);
        Assert.Equal(shard, carried.ShardId);
    }

    [Fact]
    public async Task Handle_TwoBatchesThenFinal_WritesEachWindowOnce()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var builder = new KinesisEventBuilder(shard);
        var all = Readings(device, builder, 1, 10);
        var function = stores.NewFunction();

        var first = await function.InvokeAsync(InWindow(new KinesisEvent([.. all.Records.Take(6)]), null, final: false, shard));
        var second = await function.InvokeAsync(InWindow(new KinesisEvent([.. all.Records.Skip(6)]), first.State, final: false, shard));
        var final = await function.InvokeAsync(InWindow(new KinesisEvent([]), second.State, final: true, shard));

        Assert.Equal(2, stores.Rollups.Writes);
        Assert.Equal(10, Stored(device, Resolution.Minute).ReadingCount);
        Assert.Equal(55, Stored(device, Resolution.Hour).Metrics["temp"].Sum);
        Assert.Empty(PartialRollupsCodec.Decode(final.State![PartialRollupsCodec.StateKey]).Windows);
    }

    [Fact]
    public async Task Handle_FinalRetriedWithTheSameState_CountsEachReadingOnce()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var function = stores.NewFunction();
        var carried = await function.InvokeAsync(InWindow(Readings(device, new KinesisEventBuilder(shard), 1, 10), null, final: false, shard));
        await function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard));

        await function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard));

        Assert.Equal(2, stores.Rollups.Writes);
        Assert.Equal(10, Stored(device, Resolution.Minute).ReadingCount);
    }

    [Fact]
    public async Task Handle_StoredWindowHoldsSomeOfThePartial_AppliesTheShardsRecordsReadingByReading()
    {
        var device = NewDeviceId();
        var final = await OverlappingWindowAsync(device, _ => true);

        await final();

        // Only the minute is handed back: the hour is derived from it, never folded from the partial.
        Assert.Equal(1, stores.Stream.Reads);
        Assert.Equal(1, stores.Rollups.NeedsReadings);
        Assert.Equal(10, Stored(device, Resolution.Minute).ReadingCount);
        Assert.Equal(55, Stored(device, Resolution.Hour).Metrics["temp"].Sum);
    }

    [Fact]
    public async Task Handle_PartialFromAggregatedRecordsOverlapsTheStoredWindow_UnpacksThemWhenReadingByReading()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var plain = Readings(device, new KinesisEventBuilder(shard), 1, 4);
        var function = stores.NewFunction();
        await function.InvokeAsync(plain);
        // Readings 3-10 in two aggregated records, the shard's records after the four plain ones.
        var packed = new KinesisEventBuilder(shard, KinesisEventBuilder.TypicalFirstSequence + 100_000);
        foreach (var chunk in Readings(device, new KinesisEventBuilder(shard), 3, 10).Records.Chunk(4))
        {
            var builder = new Telemetry.Contracts.Kpl.KplAggregateBuilder();
            Assert.All(chunk, r => Assert.True(builder.TryAdd(new(r.Kinesis.PartitionKey, Convert.FromBase64String(r.Kinesis.Data)))));
            packed.AddData(Convert.ToBase64String(builder.Build()), builder.PartitionKey!);
        }

        var window = packed.Build();
        stores.Stream.Add(window.Records.Select(r => StreamRecord.FromBytes(
            shard, r.Kinesis.SequenceNumber, r.Kinesis.PartitionKey, Convert.FromBase64String(r.Kinesis.Data), DateTimeOffset.UnixEpoch)));
        var carried = await function.InvokeAsync(InWindow(window, null, final: false, shard));

        await function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard));

        // Only the minute is handed back: the hour is derived from it, never folded from the partial.
        Assert.Equal(1, stores.Stream.Reads);
        Assert.Equal(1, stores.Rollups.NeedsReadings);
        Assert.Equal(10, Stored(device, Resolution.Minute).ReadingCount);
        Assert.Equal(55, Stored(device, Resolution.Hour).Metrics["temp"].Sum);
    }

    [Fact]
    public async Task Handle_ShardNoLongerHoldsTheReadings_ThrowsSoTheWindowIsRetried()
    {
        var device = NewDeviceId();
        var final = await OverlappingWindowAsync(device, _ => false);

        await Assert.ThrowsAsync<RollupFlushException>(final);

        Assert.Equal(4, Stored(device, Resolution.Minute).ReadingCount);
    }

    [Fact]
    public async Task Handle_ShardGivesBackOnlyPartOfTheReadings_ThrowsAndWritesNothingOfThatWindow()
    {
        var device = NewDeviceId();
        // The first and last records of the span come back, one in the middle does not.
        var final = await OverlappingWindowAsync(device, i => i != 3);

        var error = await Assert.ThrowsAsync<RollupFlushException>(final);

        Assert.Contains("found 7 of the 8 readings", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Stored(device, Resolution.Minute).ReadingCount);
    }

    [Fact]
    public async Task Handle_RecordsRedeliveredOutOfOrder_KeepTheSpanFromTheLowestToTheHighest()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var all = Readings(device, new KinesisEventBuilder(shard), 1, 10);
        var function = stores.NewFunction();

        var first = await function.InvokeAsync(InWindow(new KinesisEvent([.. all.Records.Skip(5)]), null, final: false, shard));
        var second = await function.InvokeAsync(InWindow(new KinesisEvent([.. all.Records.Take(5)]), first.State, final: false, shard));

        var span = PartialRollupsCodec.Decode(second.State![PartialRollupsCodec.StateKey]);
        Assert.Equal((all.Records[0].Kinesis.SequenceNumber, all.Records[^1].Kinesis.SequenceNumber), (span.FirstSequence, span.LastSequence));
    }

    [Fact]
    public async Task Handle_StateOverTheBudget_WritesAtOnceAndCarriesNothing()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var function = stores.NewFunction(stateBudget: 1);

        var response = await function.InvokeAsync(InWindow(Readings(device, new KinesisEventBuilder(shard), 1, 10), null, final: false, shard));

        Assert.Equal(2, stores.Rollups.Writes);
        Assert.Empty(PartialRollupsCodec.Decode(response.State![PartialRollupsCodec.StateKey]).Windows);
    }

    [Fact]
    public async Task Handle_FlushWriteFails_ThrowsAndTheRetryWithTheSameStateWritesEverything()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var function = stores.NewFunction();
        var carried = await function.InvokeAsync(InWindow(Readings(device, new KinesisEventBuilder(shard), 1, 10), null, final: false, shard));
        stores.Rollups.Fail(new WindowKey(device, Resolution.Hour, TenOClock));

        await Assert.ThrowsAsync<RollupFlushException>(() => function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard)));
        stores.Rollups.Heal();
        await function.InvokeAsync(InWindow(new KinesisEvent([]), carried.State, final: true, shard));

        Assert.Equal(10, Stored(device, Resolution.Minute).ReadingCount);
        Assert.Equal(10, Stored(device, Resolution.Hour).ReadingCount);
    }

    [Fact]
    public async Task Handle_PoisonInAWindow_IsRejectedAtOnceAndTheRestCarried()
    {
        var device = NewDeviceId();
        var shard = KinesisEventBuilder.NewShardId();
        var builder = new KinesisEventBuilder(shard);
        builder.AddPoison();
        var function = stores.NewFunction();

        var response = await function.InvokeAsync(InWindow(Readings(device, builder, 1, 3), null, final: false, shard));

        Assert.Single(stores.Rejected.Rejects);
        // The state carries the minute only; the hour is derived from the minutes once they are written.
        var carried = PartialRollupsCodec.Decode(response.State![PartialRollupsCodec.StateKey]).Windows;
        Assert.Equal(3, carried[new WindowKey(device, Resolution.Minute, TenOClock)].ReadingCount);
        Assert.DoesNotContain(carried.Keys, k => k.Resolution == Resolution.Hour);
    }
}
