namespace Telemetry.Processing.Alerts;

/// <summary>How urgent an alert is; carried in every event so that subscribers can route on it.</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
