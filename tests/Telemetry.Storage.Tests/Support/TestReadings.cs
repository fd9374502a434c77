using Telemetry.Contracts;

namespace Telemetry.Storage.Tests.Support;

public static class TestReadings
{
    // Processing time of every test: readings are placed relative to it.
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static string NewDeviceId() => $"dev-{Guid.NewGuid():N}"[..16];

    public static Reading At(string deviceId, DateTimeOffset timestamp, long sequence, params (string Name, double Value)[] metrics) =>
        new(
            ReadingSchema.CurrentVersion,
            deviceId,
            "thermostat",
            "site-a",
            timestamp,
            sequence,
            metrics.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal));
}
