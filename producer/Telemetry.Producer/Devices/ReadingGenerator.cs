using Telemetry.Contracts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Devices.Signals;

namespace Telemetry.Producer.Devices;

/// <summary>
/// Produces the fleet's readings in device-timestamp order. Reading <c>i</c> belongs to device <c>i mod N</c> and is
/// stamped <c>start + i / (N × rate)</c>: each device reports every <c>1 / rate</c> seconds and the devices are
/// staggered evenly inside that interval, so the fleet's total rate is steady. Pure: the same fleet, start and rate
/// always give the same readings. An <see cref="AnomalyPlan"/> overrides a metric of some readings and leaves the
/// slots of a silenced device empty; its numbering goes on after the silence. Every run numbers its devices from 1 again, so its boot is its start in Unix
/// milliseconds: two runs are two numbering runs, and the same run generated twice is the same readings.
/// </summary>
public sealed class ReadingGenerator
{
    private readonly double _fleetRate;
    private readonly DeviceState[] _devices;
    private readonly AnomalyPlan _anomalies;

    public ReadingGenerator(Fleet fleet, DateTimeOffset start, double ratePerDevice, AnomalyPlan? anomalies = null)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        if (!double.IsFinite(ratePerDevice) || ratePerDevice <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerDevice), ratePerDevice, "The rate must be a positive number.");
        }

        Fleet = fleet;
        Start = TruncateToMilliseconds(start);
        RatePerDevice = ratePerDevice;
        _fleetRate = ratePerDevice * fleet.Devices.Count;
        _devices = fleet.Devices.Select(d => new DeviceState(d, ModelFor(d.Kind), new Random(d.NoiseSeed))).ToArray();
        _anomalies = anomalies ?? AnomalyPlan.None;
        SkipSilent();
    }

    public Fleet Fleet { get; }

    /// <summary>Timestamp of the first reading, truncated to the millisecond like the wire format.</summary>
    public DateTimeOffset Start { get; }

    public double RatePerDevice { get; }

    /// <summary>The numbering run of this schedule's readings: <see cref="Start"/> in Unix milliseconds.</summary>
    public long Boot => Start.ToUnixTimeMilliseconds();

    /// <summary>How many readings <see cref="Next"/> has produced so far.</summary>
    public long Generated { get; private set; }

    /// <summary>The schedule slot <see cref="Next"/> fills next: <see cref="Generated"/> plus the silenced slots passed over.</summary>
    public long Slot { get; private set; }

    /// <summary>Offset from <see cref="Start"/> of schedule slot <paramref name="index"/> (0-based), to the millisecond.</summary>
    public TimeSpan OffsetOf(long index) => SlotOffset(index, _fleetRate);

    /// <summary>Offset of slot <paramref name="index"/> of a schedule of <paramref name="fleetRate"/> readings per second.</summary>
    public static TimeSpan SlotOffset(long index, double fleetRate) =>
        TimeSpan.FromMilliseconds(Math.Floor(index * 1000.0 / fleetRate));

    /// <summary>Generates the reading of <see cref="Slot"/>, then moves to the next slot that is not silenced.</summary>
    public Reading Next()
    {
        var index = Slot++;
        Generated++;
        var deviceIndex = (int)(index % _devices.Length);
        var state = _devices[deviceIndex];
        var timestamp = Start + OffsetOf(index);
        var hours = (timestamp - Start).TotalHours;
        var metrics = state.Model.Sample(state.Profile, timestamp, hours, state.Random);
        if (_anomalies.ValueOf(deviceIndex, index / _devices.Length) is var (metric, value))
        {
            metrics = new Dictionary<string, double>(metrics) { [metric] = value };
        }

        SkipSilent();
        return new Reading(
            ReadingSchema.CurrentVersion,
            state.Profile.DeviceId,
            state.Profile.DeviceType,
            state.Profile.Site,
            timestamp,
            ++state.Sequence,
            metrics,
            Boot);
    }

    // A silenced device measures nothing, so its noise generator is not drawn and its numbering does not move.
    private void SkipSilent()
    {
        while (_anomalies.IsSilent((int)(Slot % _devices.Length), Slot / _devices.Length))
        {
            Slot++;
        }
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static ISignalModel ModelFor(DeviceKind kind) => kind switch
    {
        DeviceKind.Thermostat => new ThermostatSignal(),
        DeviceKind.ColdStorage => new ColdStorageSignal(),
        DeviceKind.Vibration => new VibrationSignal(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind."),
    };

    private sealed class DeviceState(DeviceProfile profile, ISignalModel model, Random random)
    {
        public DeviceProfile Profile { get; } = profile;

        public ISignalModel Model { get; } = model;

        public Random Random { get; } = random;

        public long Sequence { get; set; }
    }
}
