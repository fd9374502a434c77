using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

public class AggregatorFailureTests
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeStores stores = new();

    private long Count(string device, Resolution resolution) =>
        stores.Rollups.Windows.Where(w => w.Key.DeviceId == device && w.Key.Resolution == resolution).Sum(w => w.Value.ReadingCount);

    [Fact]
    public async Task Handle_WriteFailsForOneDevice_ReportsLowestContributingSequenceAndReplayIsExact()
    {
        var (healthy, broken) = (NewDeviceId(), NewDeviceId());
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(healthy, TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .Add(At(broken, TenOClock.AddSeconds(2), 1, ("temp", 1)))
            .Add(At(healthy, TenOClock.AddSeconds(3), 2, ("temp", 1)))
            .Add(At(broken, TenOClock.AddSeconds(4), 2, ("temp", 1)))
            .Build();
        stores.Rollups.Fail(new WindowKey(broken, Resolution.Minute, TenOClock), new WindowKey(broken, Resolution.Hour, TenOClock));

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        var failure = Assert.Single(response.BatchItemFailures);
        Assert.Equal(kinesisEvent.Records[1].Kinesis.SequenceNumber, failure.ItemIdentifier);
        Assert.Equal((2L, 0L), (Count(healthy, Resolution.Minute), Count(broken, Resolution.Minute)));

        // The event source mapping restarts the shard at the reported record.
        stores.Rollups.Heal();
        var replay = await stores.NewFunction().InvokeAsync(new KinesisEvent([.. kinesisEvent.Records.Skip(1)]));

        Assert.Empty(replay.BatchItemFailures);
        Assert.Equal((2L, 2L), (Count(healthy, Resolution.Minute), Count(healthy, Resolution.Hour)));
        Assert.Equal((2L, 2L), (Count(broken, Resolution.Minute), Count(broken, Resolution.Hour)));
    }

    [Fact]
    public async Task Handle_OnlyTheHourWindowFails_ReportsItsLowestReading()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .Add(At(device, TenOClock.AddMinutes(5), 2, ("temp", 1)))
            .Build();
        stores.Rollups.Fail(new WindowKey(device, Resolution.Hour, TenOClock));

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        var failure = Assert.Single(response.BatchItemFailures);
        Assert.Equal(kinesisEvent.Records[0].Kinesis.SequenceNumber, failure.ItemIdentifier);
        Assert.Equal((2L, 0L), (Count(device, Resolution.Minute), Count(device, Resolution.Hour)));
    }

    [Fact]
    public async Task Handle_RejectedSinkFails_ReportsThePoisonRecordAndStillAggregatesTheRest()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .AddPoison()
            .Add(At(device, TenOClock.AddSeconds(3), 2, ("temp", 1)))
            .Build();
        stores.Rejected.Failing = true;

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        var failure = Assert.Single(response.BatchItemFailures);
        Assert.Equal(kinesisEvent.Records[1].Kinesis.SequenceNumber, failure.ItemIdentifier);
        Assert.Equal(2, Count(device, Resolution.Minute));
        Assert.Empty(stores.Rejected.Rejects);
    }

    [Fact]
    public async Task Handle_EverythingStored_ReportsNoFailures()
    {
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(NewDeviceId(), TenOClock.AddSeconds(1), 1, ("temp", 1)))
            .AddPoison()
            .Build();

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
    }
}
