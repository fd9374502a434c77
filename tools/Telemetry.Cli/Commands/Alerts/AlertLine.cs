using System.Globalization;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>One alert event as a line: for people (a fixed layout that lines up) or for scripts (one JSON object).</summary>
public static class AlertLine
{
    public static string Text(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var at = alert.EndedAt ?? alert.RaisedAt ?? alert.StartedAt;
        var head = $"{ReadingCodec.FormatTimestamp(at),-24}  {Word(alert.DetailType),-8}  {alert.DeviceId}";
        return alert.DetailType switch
        {
            AlertEventTypes.AlertRaised =>
                $"{head}  {alert.RuleId} ({alert.Severity}): {alert.Metric} {Number(alert.Value)} {(alert.Direction == "below" ? "<" : ">")} {Number(alert.Threshold)}, clears {(alert.Direction == "below" ? "above" : "below")} {Number(alert.ClearLevel)}",
            AlertEventTypes.AlertCleared => $"{head}  {alert.RuleId}: {alert.Metric} back to {Number(alert.Value)}",
            AlertEventTypes.DeviceSilent =>
                $"{head}  no reading since {Time(alert.LastSeenAt)}{(alert.SilentAfter is { } after ? $" (silent after {Durations.Format(after)})" : "")}",
            AlertEventTypes.DeviceResumed => $"{head}  reporting again at {Time(alert.EndedAt)}, silent since {Time(alert.LastSeenAt)}",
            _ => head,
        };
    }

    /// <summary>The event's detail (docs/alert-events.md) with its <c>detailType</c> first: one NDJSON line.</summary>
    public static string Json(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var detail = AlertEventCodec.EncodeDetail(alert);
        return $"{{\"detailType\":\"{alert.DetailType}\",{detail[1..]}";
    }

    private static string Word(string detailType) => detailType switch
    {
        AlertEventTypes.AlertRaised => "RAISED",
        AlertEventTypes.AlertCleared => "CLEARED",
        AlertEventTypes.DeviceSilent => "SILENT",
        AlertEventTypes.DeviceResumed => "RESUMED",
        _ => detailType,
    };

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?";

    private static string Time(DateTimeOffset? at) => at is { } t ? ReadingCodec.FormatTimestamp(t) : "?";
}
