namespace Telemetry.Processing.Alerts;

/// <summary>Which side of its threshold a metric must be on to breach a rule.</summary>
public enum AlertDirection
{
    /// <summary>Breaches when the value is above the threshold; clears when it falls below the clear level.</summary>
    Above,

    /// <summary>Breaches when the value is below the threshold; clears when it rises above the clear level.</summary>
    Below,
}
