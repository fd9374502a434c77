using Telemetry.Aws;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Simulation;

/// <summary>What to simulate and how to send it. Give <see cref="Duration"/> or <see cref="Readings"/>, not both; neither means <see cref="DefaultDuration"/>.</summary>
public sealed record SimulatorOptions
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    /// <summary>Above this a device would report more than once per millisecond, the timestamp resolution.</summary>
    public const double MaxRatePerDevice = 1000;

    public int Devices { get; init; } = 10;

    /// <summary>Readings per second per device.</summary>
    public double RatePerDevice { get; init; } = 1.0;

    /// <summary>Simulated time span: the run produces Duration × Devices × RatePerDevice readings.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Total readings across the fleet.</summary>
    public long? Readings { get; init; }

    public string StreamName { get; init; } = PipelineNames.Stream;

    public int Seed { get; init; } = 42;

    /// <summary>Prepended to every device id, for example to keep one run's devices apart from another's.</summary>
    public string DeviceIdPrefix { get; init; } = string.Empty;

    /// <summary>Send as fast as possible; device timestamps stay spaced as if paced.</summary>
    public bool NoPace { get; init; }

    /// <summary>Pack readings into KPL aggregated records by shard (<see cref="Sending.SenderOptions.Aggregate"/>).</summary>
    public bool Aggregate { get; init; }

    /// <summary>The most in-flight calls allowed.</summary>
    public const int MaxInFlightLimit = 64;

    /// <summary>PutRecords calls in flight at once, each device's readings in one lane (<see cref="Sending.SenderOptions.MaxInFlight"/>).</summary>
    public int InFlight { get; init; } = DefaultInFlight;

    /// <summary>Four calls: enough to keep a local emulator or a few shards busy while the next call is prepared.</summary>
    public const int DefaultInFlight = 4;

    /// <summary>
    /// Timestamp of the first reading. Default: now when paced; when not paced, now minus the run's span, so that
    /// the timestamps end at the present instead of running into the future.
    /// </summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When paced, how long due readings may wait to be sent together in one call.</summary>
    public TimeSpan SendInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After cancellation, how long buffered and in-flight readings may take to be sent before they count as failed.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int MaxRetries { get; init; } = 10;

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Faults to inject; none by default.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Devices pushed over alert thresholds, flapping or silenced; none by default.</summary>
    public AnomalyOptions Anomalies { get; init; } = AnomalyOptions.None;

    /// <summary>The number of readings the run will generate unless cancelled.</summary>
    public long TotalReadings =>
        Readings ?? (long)Math.Floor((Duration ?? DefaultDuration).TotalSeconds * Devices * RatePerDevice);

    /// <summary>Problems with these options, as messages for a user; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Devices <= 0)
        {
            errors.Add($"Devices must be a positive number (got {Devices}).");
        }

        if (!double.IsFinite(RatePerDevice) || RatePerDevice <= 0 || RatePerDevice > MaxRatePerDevice)
        {
            errors.Add($"Rate must be a positive number of readings per second per device, at most {MaxRatePerDevice} (got {RatePerDevice}).");
        }

        if (Duration is not null && Readings is not null)
        {
            errors.Add("Give either a duration or a number of readings, not both.");
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            errors.Add($"Duration must be positive (got {duration}).");
        }

        if (Readings is <= 0)
        {
            errors.Add($"Readings must be a positive number (got {Readings}).");
        }

        if (DeviceIdPrefix.Length > 0 && Telemetry.Contracts.ReadingRules.CheckDeviceId(DeviceIdPrefix + "x") is { } problem)
        {
            errors.Add($"Device id prefix '{DeviceIdPrefix}' is not usable: {problem}");
        }

        if (InFlight is < 1 or > MaxInFlightLimit)
        {
            errors.Add($"In-flight calls must be between 1 and {MaxInFlightLimit} (got {InFlight}).");
        }

        if (string.IsNullOrWhiteSpace(StreamName))
        {
            errors.Add("The stream name must not be empty.");
        }

        if (MaxRetries < 0 || FlushTimeout < TimeSpan.Zero || SendInterval < TimeSpan.Zero || BaseBackoff < TimeSpan.Zero || MaxBackoff < TimeSpan.Zero)
        {
            errors.Add("Retry counts, timeouts and intervals must not be negative.");
        }

        errors.AddRange(Faults.Validate());
        errors.AddRange(Anomalies.Validate());
        if (errors.Count == 0 && Anomalies.Any
            && !AnomalyPlanner.TryPlan(Anomalies, Fleet.Generate(Devices, Seed, DeviceIdPrefix), RatePerDevice, TotalReadings, Seed, out _, out var problems))
        {
            errors.AddRange(problems);
        }

        return errors;
    }
}
