namespace Telemetry.Producer.Anomalies;

/// <summary>What a planned anomaly does to its device (docs/simulator-anomalies.md).</summary>
public enum AnomalyKind
{
    /// <summary>Past a rule's threshold for longer than its condition, then back past its clear level: raised once, cleared once.</summary>
    Excursion,

    /// <summary>
    /// Past the threshold long enough to raise, then swinging between the hysteresis band and past the threshold,
    /// then back past the clear level: raised once, cleared once, however often it crossed the threshold.
    /// </summary>
    Flapping,

    /// <summary>No reading for longer than the type's silence threshold, then readings again in the same numbering run.</summary>
    Silence,
}
