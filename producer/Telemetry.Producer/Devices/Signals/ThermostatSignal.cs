namespace Telemetry.Producer.Devices.Signals;

/// <summary>Room temperature held near a setpoint with a night setback; humidity moves against temperature.</summary>
public sealed class ThermostatSignal : ISignalModel
{
    public IReadOnlyDictionary<string, double> Sample(DeviceProfile device, DateTimeOffset timestamp, double hoursSinceStart, Random random)
    {
        ArgumentNullException.ThrowIfNull(device);
        var cycle = SignalMath.DailyCycle(timestamp, device.PhaseHours);
        var hour = SignalMath.LocalHour(timestamp, device.PhaseHours);
        var setpoint = hour is >= 22 or < 6 ? device.Baseline - 2 : device.Baseline;
        var temperature = setpoint
            + (0.8 * cycle)
            + SignalMath.Drift(device, hoursSinceStart, bound: 2)
            + (0.15 * device.NoiseScale * SignalMath.Gaussian(random));
        if (SignalMath.Spike(device, random))
        {
            temperature += random.NextDouble() < 0.5 ? -4 : 4;
        }

        var humidity = Math.Clamp(45 - (8 * cycle) + (1.0 * device.NoiseScale * SignalMath.Gaussian(random)), 5, 95);
        return new Dictionary<string, double>
        {
            ["temperature"] = Math.Round(temperature, 2),
            ["humidity"] = Math.Round(humidity, 1),
            ["setpoint"] = setpoint,
        };
    }
}
