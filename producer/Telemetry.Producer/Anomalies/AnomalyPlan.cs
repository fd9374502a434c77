namespace Telemetry.Producer.Anomalies;

/// <summary>A run's anomalies, at most one per device, looked up by the device's place in the fleet and its reading number.</summary>
public sealed class AnomalyPlan
{
    private readonly Dictionary<int, PlannedAnomaly> _byDevice;

    public AnomalyPlan(IReadOnlyList<PlannedAnomaly> anomalies)
    {
        ArgumentNullException.ThrowIfNull(anomalies);
        Anomalies = anomalies;
        _byDevice = anomalies.ToDictionary(a => a.Device.Index);
    }

    public static AnomalyPlan None { get; } = new([]);

    public IReadOnlyList<PlannedAnomaly> Anomalies { get; }

    /// <summary>Readings of the schedule that silenced devices do not send.</summary>
    public long SilencedReadings => Anomalies.Where(a => a.Kind == AnomalyKind.Silence).Sum(a => (long)a.Length);

    /// <summary>The anomaly of device <paramref name="deviceIndex"/>, if it has one.</summary>
    public PlannedAnomaly? Of(int deviceIndex) => _byDevice.GetValueOrDefault(deviceIndex);

    /// <summary>Whether the device's reading <paramref name="deviceReading"/> (0-based) falls in a silence.</summary>
    public bool IsSilent(int deviceIndex, long deviceReading) =>
        Of(deviceIndex)?.PhaseOf(deviceReading) == AnomalyPhase.Silent;

    /// <summary>The metric and value an anomaly imposes on the device's reading, or null to keep the signal's own.</summary>
    public (string Metric, double Value)? ValueOf(int deviceIndex, long deviceReading)
    {
        if (Of(deviceIndex) is not { Rule: { } rule } anomaly || anomaly.PhaseOf(deviceReading) is not { } phase || phase == AnomalyPhase.Silent)
        {
            return null;
        }

        return (rule.Metric, AnomalyValues.For(rule, phase, deviceReading - anomaly.FirstReading));
    }
}
