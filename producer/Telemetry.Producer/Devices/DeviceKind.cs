namespace Telemetry.Producer.Devices;

/// <summary>The kinds of device the simulated fleet contains; each has its own metrics and signal shape.</summary>
public enum DeviceKind
{
    /// <summary>Room thermostat: <c>temperature</c> (°C), <c>humidity</c> (%), <c>setpoint</c> (°C).</summary>
    Thermostat,

    /// <summary>Freezer room: <c>temperature</c> (°C, around -18), <c>door_open</c> (0/1), <c>compressor_amps</c> (A).</summary>
    ColdStorage,

    /// <summary>Machine vibration probe: <c>rms_velocity</c> (mm/s), <c>peak_accel</c> (g), <c>temperature</c> (°C).</summary>
    Vibration,
}

/// <summary>Wire names of <see cref="DeviceKind"/>, as written in <c>Reading.DeviceType</c> and device ids.</summary>
public static class DeviceKinds
{
    public const string Thermostat = "thermostat";
    public const string ColdStorage = "cold-storage";
    public const string Vibration = "vibration";

    public static IReadOnlyList<DeviceKind> All { get; } = [DeviceKind.Thermostat, DeviceKind.ColdStorage, DeviceKind.Vibration];

    /// <summary>The metrics every reading of a <paramref name="kind"/> device carries.</summary>
    public static IReadOnlyList<string> Metrics(DeviceKind kind) => kind switch
    {
        DeviceKind.Thermostat => ["temperature", "humidity", "setpoint"],
        DeviceKind.ColdStorage => ["temperature", "door_open", "compressor_amps"],
        DeviceKind.Vibration => ["rms_velocity", "peak_accel", "temperature"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind."),
    };

    /// <summary>
    /// The unit of a metric the simulated kinds send, for chart labels; <see langword="null"/> for any other metric,
    /// since readings carry no units.
    /// </summary>
    public static string? Unit(string metric) => metric switch
    {
        "temperature" or "setpoint" => "°C",
        "humidity" => "%",
        "door_open" => "0/1",
        "compressor_amps" => "A",
        "rms_velocity" => "mm/s",
        "peak_accel" => "g",
        _ => null,
    };

    public static string Name(DeviceKind kind) => kind switch
    {
        DeviceKind.Thermostat => Thermostat,
        DeviceKind.ColdStorage => ColdStorage,
        DeviceKind.Vibration => Vibration,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown device kind."),
    };
}
