namespace Telemetry.Producer.Anomalies;

/// <summary>Where an anomalous reading's value sits relative to its rule.</summary>
public enum AnomalyPhase
{
    /// <summary>Strictly past the threshold, by a margin.</summary>
    Breach,

    /// <summary>Inside the hysteresis band: not past the threshold, not past the clear level.</summary>
    Band,

    /// <summary>Past the clear level, by a margin: ends a firing episode.</summary>
    Recover,

    /// <summary>No reading at all.</summary>
    Silent,
}

/// <summary>A stretch of consecutive readings of one device in one phase.</summary>
public sealed record AnomalySegment(AnomalyPhase Phase, int Readings);
