using Telemetry.Processing.Quantiles;
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
        Assert.Equal(new MetricStats(2, 42, 20, 22, 884, QuantileSketch.Of(20, 22)), aggregate.Metrics["t"]);
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
    public void Restore_StoredParts_RoundTrips()
    {
        var stats = MetricStats.Of(1).Add(2);

        var restored = WindowAggregate.Restore(MinuteAt0400, "thermostat", "plant-a", 7, [new("t", stats)]);

        Assert.Equal(7, restored.ReadingCount);
        Assert.Equal(stats, restored.Metrics["t"]);
        Assert.Equal("plant-a", restored.Site);
    }

    [Fact]
    public void Add_ToWindowStoredWithoutSketch_ClaimsNoPercentileRatherThanOneOfPartOfTheValues()
    {
        var restored = WindowAggregate.Restore(MinuteAt0400, "thermostat", "plant-a", 2, [new("t", new MetricStats(2, 40, 20, 20, 800))]);

        restored.Add(TestReadings.Reading(TestReadings.At0400, metrics: [("t", 30)]));

        Assert.Equal(3, restored.Metrics["t"].Count);
        Assert.Null(restored.Metrics["t"].Percentile(0.5));
    }

    [Fact]
    public void Add_ToWindowStoredWithSketch_KeepsCountingIntoIt()
    {
        var restored = WindowAggregate.Restore(MinuteAt0400, "thermostat", "plant-a", 2, [new("t", MetricStats.Of(20).Add(20))]);

        restored.Add(TestReadings.Reading(TestReadings.At0400, metrics: [("t", 30)]));

        Assert.Equal(QuantileSketch.Of(20, 20, 30), restored.Metrics["t"].Quantiles);
        Assert.InRange(restored.Metrics["t"].Percentile(1)!.Value, 29.7, 30);
    }
}
