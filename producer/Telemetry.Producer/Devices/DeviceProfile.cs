namespace Telemetry.Producer.Devices;

/// <summary>
/// One simulated device and the per-device parameters that make its signal its own.
/// Immutable: the mutable part of a device (its sequence number and noise generator) lives in the reading generator.
/// </summary>
/// <param name="Index">Position in the fleet, 0-based; also the device's slot in the reading schedule.</param>
/// <param name="DeviceId">For example <c>thermostat-0001</c>; the partition key.</param>
/// <param name="Kind">What the device measures.</param>
/// <param name="Site">Ascii-safe site name, for example <c>Lake Evan Plant 2</c>.</param>
/// <param name="Baseline">Per-device offset added to the kind's nominal level (a thermostat's setpoint, a freezer's -18 °C, a machine's nominal vibration).</param>
/// <param name="DriftPerHour">Slow linear drift of the main metric, in its unit per hour since the start of the run.</param>
/// <param name="PhaseHours">Shift of the daily cycle, so that devices do not peak in lockstep.</param>
/// <param name="NoiseScale">Multiplier of the kind's measurement noise.</param>
/// <param name="SpikeProbability">Chance that one reading carries a spike.</param>
/// <param name="NoiseSeed">Seed of the device's own noise generator.</param>
public sealed record DeviceProfile(
    int Index,
    string DeviceId,
    DeviceKind Kind,
    string Site,
    double Baseline,
    double DriftPerHour,
    double PhaseHours,
    double NoiseScale,
    double SpikeProbability,
    int NoiseSeed)
{
    /// <summary>The wire name of <see cref="Kind"/>.</summary>
    public string DeviceType => DeviceKinds.Name(Kind);
}
