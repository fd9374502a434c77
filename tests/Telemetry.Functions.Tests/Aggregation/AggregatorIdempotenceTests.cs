using Telemetry.Contracts;
using System.Globalization;
using System.Numerics;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Quantiles;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

public class AggregatorIdempotenceTests
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeStores stores = new();

    private static KinesisEvent TenReadings(string device, KinesisEventBuilder builder)
    {
        for (var i = 1; i <= 10; i++)
        {
            builder.Add(At(device, TenOClock.AddSeconds(i), i, ("temp", i)));
        }

        return builder.Build();
    }

    private RollupState Window(string device, Resolution resolution) =>
        stores.Rollups.Windows[new WindowKey(device, resolution, TenOClock)];

    [Fact]
    public async Task Handle_SameEventDeliveredTwice_ChangesNothing()
    {
        var device = NewDeviceId();
        var kinesisEvent = TenReadings(device, new KinesisEventBuilder(KinesisEventBuilder.NewShardId()));
        var function = stores.NewFunction();
        await function.InvokeAsync(kinesisEvent);
        var afterFirst = RollupDescriptions.Describe(stores.Rollups.Windows);

        var response = await function.InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(afterFirst, RollupDescriptions.Describe(stores.Rollups.Windows));
        Assert.Equal(10, Window(device, Resolution.Minute).ReadingCount);
        Assert.Equal(2, stores.Rollups.Writes);
    }

    [Fact]
    public async Task Handle_OverlappingRedeliveryOutOfOrder_CountsEachReadingOnce()
    {
        var device = NewDeviceId();
        var all = TenReadings(device, new KinesisEventBuilder(KinesisEventBuilder.NewShardId()));
        var function = stores.NewFunction();
        await function.InvokeAsync(new KinesisEvent([.. all.Records.Take(6)]));

        var response = await function.InvokeAsync(new KinesisEvent([.. all.Records.Skip(2).Reverse()]));

        Assert.Empty(response.BatchItemFailures);
        foreach (var resolution in new[] { Resolution.Minute, Resolution.Hour })
        {
            var window = Window(device, resolution);
            Assert.Equal(10, window.ReadingCount);
            Assert.Equal(new MetricStats(10, 55, 1, 10, 385, QuantileSketch.Of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), window.Metrics["temp"]);
        }
    }

    [Fact]
    public async Task Handle_NineThenTen_ComparesSequenceNumbersAsIntegers()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        var kinesisEvent = builder
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)), sequence: 9)
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2)), sequence: 10)
            .Build();
        var function = stores.NewFunction();
        await function.InvokeAsync(kinesisEvent);

        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[0]]));

        var window = Window(device, Resolution.Minute);
        Assert.Equal(2, window.ReadingCount);
        Assert.Equal("1-2", window.Absorbed.ByBoot[0].ToString());
    }

    [Fact]
    public async Task Handle_SequenceNumbersBeyond38Digits_AbsorbsNewerAndSkipsOlder()
    {
        var device = NewDeviceId();
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        var thirtyEightNines = BigInteger.Parse(new string('9', 38), CultureInfo.InvariantCulture);
        var kinesisEvent = builder
            .Add(At(device, TenOClock.AddSeconds(1), 1, ("temp", 1)), sequence: thirtyEightNines)
            .Add(At(device, TenOClock.AddSeconds(2), 2, ("temp", 2)), sequence: thirtyEightNines + 1)
            .Add(At(device, TenOClock.AddSeconds(3), 3, ("temp", 3)), sequence: KinesisEventBuilder.TypicalFirstSequence)
            .Build();
        var function = stores.NewFunction();
        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[0]]));

        await function.InvokeAsync(new KinesisEvent([kinesisEvent.Records[1]]));
        await function.InvokeAsync(kinesisEvent);
        await function.InvokeAsync(kinesisEvent);

        var window = Window(device, Resolution.Minute);
        Assert.Equal(3, window.ReadingCount);
        Assert.Equal("1-3", window.Absorbed.ByBoot[0].ToString());
    }
}
