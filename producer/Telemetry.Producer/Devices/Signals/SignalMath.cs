namespace Telemetry.Producer.Devices.Signals;

/// <summary>Building blocks shared by the signal models.</summary>
public static class SignalMath
{
    /// <summary>Daily cycle in [-1, 1] from the device timestamp: lowest around 03:00, highest around 15:00 (UTC + phase).</summary>
    public static double DailyCycle(DateTimeOffset timestamp, double phaseHours)
    {
        var hour = timestamp.UtcDateTime.TimeOfDay.TotalHours + phaseHours;
        return Math.Sin(2 * Math.PI * (hour - 9) / 24);
    }

    /// <summary>Hour of the day shifted by the device phase, in [0, 24).</summary>
    public static double LocalHour(DateTimeOffset timestamp, double phaseHours)
    {
        var hour = (timestamp.UtcDateTime.TimeOfDay.TotalHours + phaseHours) % 24;
        return hour < 0 ? hour + 24 : hour;
    }

    /// <summary>Standard normal sample (Box–Muller).</summary>
    public static double Gaussian(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Drift since the start of the run, bounded so that long runs stay physically plausible.</summary>
    public static double Drift(DeviceProfile device, double hoursSinceStart, double bound)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Math.Clamp(device.DriftPerHour * hoursSinceStart, -bound, bound);
    }

    public static bool Spike(DeviceProfile device, Random random)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(random);
        return random.NextDouble() < device.SpikeProbability;
    }
}
