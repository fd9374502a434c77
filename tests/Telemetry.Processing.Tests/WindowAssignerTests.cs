namespace Telemetry.Processing.Tests;

public class WindowAssignerTests
{
    [Fact]
    public void KeysFor_DefaultOptions_OneKeyPerResolution()
    {
        var reading = TestReadings.Reading(TestReadings.Utc("2026-11-26T04:59:59.999Z"), deviceId: "dev-9");

        var keys = WindowAssigner.KeysFor(reading, AggregationOptions.Default).ToList();

        Assert.Equal(
            [
                new WindowKey("dev-9", Resolution.Minute, TestReadings.Utc("2026-11-26T04:59:00Z")),
                new WindowKey("dev-9", Resolution.Hour, TestReadings.Utc("2026-11-26T04:00:00Z")),
            ],
            keys);
    }

    [Fact]
    public void KeysFor_DuplicateResolutionsConfigured_OneKeyEach()
    {
        var options = new AggregationOptions([Resolution.Hour, Resolution.Hour], TimeSpan.Zero);

        var keys = WindowAssigner.KeysFor(TestReadings.Reading(TestReadings.At0400), options);

        Assert.Single(keys);
    }
}
