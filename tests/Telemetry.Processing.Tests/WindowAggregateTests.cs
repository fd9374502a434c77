namespace Telemetry.Processing.Tests;

public class WindowAggregateTests
{
    private static readonly WindowKey MinuteAt0400 = new("dev-1", Resolution.Minute, TestReadings.At0400);

    [Fact]
    public void Add_ReadingsInWindow_AccumulatesPerMetricAndCountsReadings()
    {
        var aggregate = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");

        aggregate.Add(TestReadings.Reading(TestReadings.At0400, metrics: [("t", 20), ("h", 40)]));
        aggregate.Add(TestReadings.Reading(TestReadings.At0400.AddSeconds(59.999), metrics: [("t", 22)]));

        Assert.Equal(2, aggregate.ReadingCount);
        Assert.Equal(new MetricStats(2, 42, 20, 22, 884), aggregate.Metrics["t"]);
        Assert.Equal(MetricStats.Of(40), aggregate.Metrics["h"]);
    }

    [Fact]
    public void Add_ReadingOfAnotherDevice_ThrowsAndChangesNothing()
    {
        var aggregate = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");

        Assert.Throws<ArgumentException>(() => aggregate.Add(TestReadings.Reading(TestReadings.At0400, deviceId: "dev-2")));
        Assert.Equal(0, aggregate.ReadingCount);
        Assert.Empty(aggregate.Metrics);
    }

    [Theory]
    [InlineData("2026-11-26T03:59:59.999Z")]
    [InlineData("2026-11-26T04:01:00.000Z")]
    public void Add_ReadingOutsideWindow_Throws(string timestamp)
    {
        var aggregate = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");

        Assert.Throws<ArgumentException>(() => aggregate.Add(TestReadings.Reading(TestReadings.Utc(timestamp))));
        Assert.Equal(0, aggregate.ReadingCount);
    }

    [Fact]
    public void Constructor_UnalignedStart_Throws()
    {
        var unaligned = MinuteAt0400 with { Start = TestReadings.At0400.AddSeconds(1) };

        Assert.Throws<ArgumentException>(() => new WindowAggregate(unaligned, "thermostat", "plant-a"));
    }

    [Fact]
    public void Merge_TwoPartials_EqualsAddingAllReadings()
    {
        var first = TestReadings.Reading(TestReadings.At0400, metrics: [("t", 1), ("h", 5)]);
        var second = TestReadings.Reading(TestReadings.At0400.AddSeconds(10), metrics: [("t", 3)]);
        var third = TestReadings.Reading(TestReadings.At0400.AddSeconds(20), metrics: [("v", -2)]);
        var left = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");
        left.Add(first);
        var right = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");
        right.Add(second);
        right.Add(third);

        left.Merge(right);

        Assert.Equal(3, left.ReadingCount);
        Assert.Equal(MetricStats.Of(1).Add(3), left.Metrics["t"]);
        Assert.Equal(MetricStats.Of(5), left.Metrics["h"]);
        Assert.Equal(MetricStats.Of(-2), left.Metrics["v"]);
        Assert.Equal(2, right.ReadingCount);
    }

    [Fact]
    public void Merge_WithItself_DoublesEverything()
    {
        var aggregate = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");
        aggregate.Add(TestReadings.Reading(TestReadings.At0400, metrics: [("t", 2), ("h", 3)]));

        aggregate.Merge(aggregate);

        Assert.Equal(2, aggregate.ReadingCount);
        Assert.Equal(MetricStats.Of(2).Add(2), aggregate.Metrics["t"]);
        Assert.Equal(MetricStats.Of(3).Add(3), aggregate.Metrics["h"]);
    }

    [Theory]
    [InlineData("dev-2", Resolution.Minute, 0)]
    [InlineData("dev-1", Resolution.Hour, 0)]
    [InlineData("dev-1", Resolution.Minute, 1)]
    public void Merge_DifferentKey_Throws(string deviceId, Resolution resolution, int minutesLater)
    {
        var aggregate = new WindowAggregate(MinuteAt0400, "thermostat", "plant-a");
        var other = new WindowAggregate(
            new WindowKey(deviceId, resolution, TestReadings.At0400.AddMinutes(minutesLater)), "thermostat", "plant-a");

        Assert.Throws<ArgumentException>(() => aggregate.Merge(other));
    }

    [Fact]
    public void Restore_StoredParts_RoundTrips()
    {
        var stats = MetricStats.Of(1).Add(2);

        var restored = WindowAggregate.Restore(MinuteAt0400, "thermostat", "plant-a", 7, [new("t", stats)]);

        Assert.Equal(7, restored.ReadingCount);
        Assert.Equal(stats, restored.Metrics["t"]);
        Assert.Equal("plant-a", restored.Site);
    }

    [Fact]
    public void Aggregate_ReadingsOfTwoDevicesAcrossAnHour_OneAggregatePerDeviceAndWindow()
    {
        var readings = new[]
        {
            TestReadings.Reading(TestReadings.Utc("2026-11-26T03:59:30Z"), "dev-1"),
            TestReadings.Reading(TestReadings.Utc("2026-11-26T04:00:10Z"), "dev-1"),
            TestReadings.Reading(TestReadings.Utc("2026-11-26T04:00:50Z"), "dev-1"),
            TestReadings.Reading(TestReadings.Utc("2026-11-26T04:00:50Z"), "dev-2"),
        };

        var windows = Aggregator.Aggregate(readings, AggregationOptions.Default);

        Assert.Equal(6, windows.Count);
        Assert.Equal(2, windows[new WindowKey("dev-1", Resolution.Minute, TestReadings.At0400)].ReadingCount);
        Assert.Equal(2, windows[new WindowKey("dev-1", Resolution.Hour, TestReadings.At0400)].ReadingCount);
        Assert.Equal(1, windows[new WindowKey("dev-1", Resolution.Hour, TestReadings.Utc("2026-11-26T03:00:00Z"))].ReadingCount);
        Assert.Equal(1, windows[new WindowKey("dev-2", Resolution.Minute, TestReadings.At0400)].ReadingCount);
    }
}
