namespace Telemetry.Producer.Devices.Signals;

/// <summary>Produces the metrics of one reading of one kind of device.</summary>
public interface ISignalModel
{
    /// <summary>
    /// Samples the device at <paramref name="timestamp"/>; <paramref name="random"/> is the device's own generator,
    /// so the same sequence of calls gives the same values.
    /// </summary>
    IReadOnlyDictionary<string, double> Sample(DeviceProfile device, DateTimeOffset timestamp, double hoursSinceStart, Random random);
}
