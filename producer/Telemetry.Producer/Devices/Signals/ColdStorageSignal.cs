namespace Telemetry.Producer.Devices.Signals;

/// <summary>
/// A freezer room near -18 °C: the door opens more often by day and lets warm air in; the compressor
/// draws more current the further the room is above its target; occasional defrost spikes.
/// </summary>
public sealed class ColdStorageSignal : ISignalModel
{
    private const double Nominal = -18;

    public IReadOnlyDictionary<string, double> Sample(DeviceProfile device, DateTimeOffset timestamp, double hoursSinceStart, Random random)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(random);
        var cycle = SignalMath.DailyCycle(timestamp, device.PhaseHours);
        var target = Nominal + device.Baseline;
        var doorOpen = random.NextDouble() < 0.03 + (0.05 * Math.Max(cycle, 0));
        var temperature = target
            + (0.6 * cycle)
            + SignalMath.Drift(device, hoursSinceStart, bound: 3)
            + (0.25 * device.NoiseScale * SignalMath.Gaussian(random))
            + (doorOpen ? 1 + (2 * random.NextDouble()) : 0);
        if (SignalMath.Spike(device, random))
        {
            temperature += 6;
        }

        var amps = 4.5 + (1.2 * Math.Max(0, temperature - target)) + (0.5 * cycle) + (0.2 * SignalMath.Gaussian(random));
        return new Dictionary<string, double>
        {
            ["temperature"] = Math.Round(temperature, 2),
            ["door_open"] = doorOpen ? 1 : 0,
            ["compressor_amps"] = Math.Round(Math.Max(0, amps), 2),
        };
    }
}
