namespace Telemetry.Contracts.Alerts;

/// <summary>The source and detail types of the events the alerter and the watchdog publish (docs/alert-events.md).</summary>
public static class AlertEventTypes
{
    /// <summary>EventBridge <c>source</c> of every alert event.</summary>
    public const string Source = "telemetry.alerter";

    public const string AlertRaised = "AlertRaised";
    public const string AlertCleared = "AlertCleared";
    public const string DeviceSilent = "DeviceSilent";
    public const string DeviceResumed = "DeviceResumed";

    public static IReadOnlyList<string> All { get; } = [AlertRaised, AlertCleared, DeviceSilent, DeviceResumed];

    /// <summary>Whether the type opens an episode (raised, silent) rather than ending one.</summary>
    public static bool Opens(string detailType) => detailType is AlertRaised or DeviceSilent;
}
