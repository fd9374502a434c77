using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// One threshold rule: which readings it watches (a metric of a device type, optionally only some devices or one
/// site), when it breaches (<see cref="Direction"/> of <see cref="Threshold"/>), how long the breach must hold, and
/// the clear level that ends an episode. The gap between threshold and clear level is the hysteresis that keeps a
/// value hovering at the threshold from raising again and again.
/// </summary>
public sealed record AlertRule(
    string Id,
    string Metric,
    string DeviceType,
    AlertDirection Direction,
    double Threshold,
    double ClearLevel,
    AlertCondition Condition,
    AlertSeverity Severity)
{
    /// <summary>Only these devices, or every device of the type when null.</summary>
    public IReadOnlySet<string>? DeviceIds { get; init; }

    /// <summary>Only devices of this site, or every site when null.</summary>
    public string? Site { get; init; }

    /// <summary>Whether the rule watches <paramref name="reading"/> (it also has to carry the metric).</summary>
    public bool Watches(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.DeviceType == DeviceType
            && (DeviceIds is null || DeviceIds.Contains(reading.DeviceId))
            && (Site is null || Site == reading.Site)
            && reading.Metrics.ContainsKey(Metric);
    }

    /// <summary>Whether <paramref name="value"/> is past the threshold.</summary>
    public bool Breaches(double value) => Direction == AlertDirection.Above ? value > Threshold : value < Threshold;

    /// <summary>Whether <paramref name="value"/> is back past the clear level, which ends a firing episode.</summary>
    public bool Clears(double value) => Direction == AlertDirection.Above ? value < ClearLevel : value > ClearLevel;
}
