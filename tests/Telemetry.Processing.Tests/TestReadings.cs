using Telemetry.Contracts;

namespace Telemetry.Processing.Tests;

internal static class TestReadings
{
    public static readonly DateTimeOffset At0400 = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    public static Reading Reading(DateTimeOffset timestamp, string deviceId = "dev-1", long sequence = 1, params (string Name, double Value)[] metrics) =>
        new(
            ReadingSchema.CurrentVersion,
            deviceId,
            "thermostat",
            "plant-a",
            timestamp,
            sequence,
            (metrics.Length == 0 ? [("temperature", 20.0)] : metrics).ToDictionary(m => m.Name, m => m.Value));

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
