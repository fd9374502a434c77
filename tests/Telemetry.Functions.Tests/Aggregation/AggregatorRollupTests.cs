using Telemetry.Functions.Tests.Fakes;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing;
using Telemetry.Processing.Quantiles;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Aggregation;

public class AggregatorRollupTests
{
    private static readonly DateTimeOffset TenOClock = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeStores stores = new();

    [Fact]
    public async Task Handle_Batch_WritesMinuteAndHourRollups()
    {
        var device = NewDeviceId();
        var kinesisEvent = new KinesisEventBuilder(KinesisEventBuilder.NewShardId())
            .Add(At(device, TenOClock.AddSeconds(10), 1, ("temp", 1), ("humidity", 50)))
            .Add(At(device, TenOClock.AddSeconds(50), 2, ("temp", 4)))
            .Add(At(device, TenOClock.AddSeconds(65), 3, ("temp", -2)))
            .Add(At(device, TenOClock.AddMinutes(59).AddSeconds(59), 4, ("temp", 8)))
            .Add(At(device, TenOClock.AddHours(1), 5, ("temp", 0.5)))
            .Build();

        var response = await stores.NewFunction().InvokeAsync(kinesisEvent);

        Assert.Empty(response.BatchItemFailures);
        var minutes = stores.Rollups.Windows.Where(w => w.Key.Resolution == Resolution.Minute).OrderBy(w => w.Key.Start).ToList();
        Assert.Equal(
            [TenOClock, TenOClock.AddMinutes(1), TenOClock.AddMinutes(59), TenOClock.AddHours(1)],
            minutes.Select(w => w.Key.Start));
        Assert.Equal([2L, 1, 1, 1], minutes.Select(w => w.Value.ReadingCount));
        Assert.Equal(new MetricStats(2, 5, 1, 4, 17, QuantileSketch.Of(1, 4)), minutes[0].Value.Metrics["temp"]);
        Assert.Equal(new MetricStats(1, 50, 50, 50, 2500, QuantileSketch.Of(50)), minutes[0].Value.Metrics["humidity"]);
        Assert.Equal(new MetricStats(1, -2, -2, -2, 4, QuantileSketch.Of(-2)), minutes[1].Value.Metrics["temp"]);

        var hours = stores.Rollups.Windows.Where(w => w.Key.Resolution == Resolution.Hour).OrderBy(w => w.Key.Start).ToList();
        Assert.Equal([TenOClock, TenOClock.AddHours(1)], hours.Select(w => w.Key.Start));
        Assert.Equal([4L, 1], hours.Select(w => w.Value.ReadingCount));
        Assert.Equal(new MetricStats(4, 11, -2, 8, 85, QuantileSketch.Of(1, 4, -2, 8)), hours[0].Value.Metrics["temp"]);
        Assert.Equal(new MetricStats(1, 50, 50, 50, 2500, QuantileSketch.Of(50)), hours[0].Value.Metrics["humidity"]);
        Assert.Equal(new MetricStats(1, 0.5, 0.5, 0.5, 0.25, QuantileSketch.Of(0.5)), hours[1].Value.Metrics["temp"]);
        Assert.All(hours, w => Assert.Equal(("thermostat", "site-a", device), (w.Value.DeviceType, w.Value.Site, w.Key.DeviceId)));
    }
}
