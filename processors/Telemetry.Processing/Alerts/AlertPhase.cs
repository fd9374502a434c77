namespace Telemetry.Processing.Alerts;

/// <summary>Where a (device, rule) pair stands: OK → PENDING (breaching, condition not yet met) → FIRING → OK.</summary>
public enum AlertPhase
{
    Ok,
    Pending,
    Firing,
}
