namespace Telemetry.Producer.Devices.Signals;

/// <summary>
/// A machine's vibration follows its load (busier by day); bearing wear only ever raises it; impacts
/// show as spikes. Peak acceleration and housing temperature follow the vibration level.
/// </summary>
public sealed class VibrationSignal : ISignalModel
{
    public IReadOnlyDictionary<string, double> Sample(DeviceProfile device, DateTimeOffset timestamp, double hoursSinceStart, Random random)
    {
        ArgumentNullException.ThrowIfNull(device);
        var load = 0.75 + (0.25 * SignalMath.DailyCycle(timestamp, device.PhaseHours));
        var wear = Math.Abs(SignalMath.Drift(device, hoursSinceStart, bound: 3));
        var rms = (device.Baseline * load) + wear + (0.1 * device.NoiseScale * SignalMath.Gaussian(random));
        if (SignalMath.Spike(device, random))
        {
            rms *= 3;
        }

        rms = Math.Max(0.05, rms);
        var peakAccel = (0.12 * rms) + Math.Abs(0.02 * SignalMath.Gaussian(random));
        var temperature = 30 + (6 * load) + (0.5 * rms) + (0.3 * SignalMath.Gaussian(random));
        return new Dictionary<string, double>
        {
            ["rms_velocity"] = Math.Round(rms, 2),
            ["peak_accel"] = Math.Round(peakAccel, 3),
            ["temperature"] = Math.Round(temperature, 2),
        };
    }
}
