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
        var head = $"{ReadingCodec.FormatTimestamp(At(alert)),-24}  {Word(alert.DetailType),-8}  {alert.DeviceId}";
        return Summary(alert) is { Length: > 0 } summary ? $"{head}  {summary}" : head;
    }

    /// <summary>When the transition happened: the episode's end, else when it was raised, else when it started.</summary>
    public static DateTimeOffset At(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.EndedAt ?? alert.RaisedAt ?? alert.StartedAt;
    }

    /// <summary>What happened, after the time, the kind and the device: the rule and values, or the silence.</summary>
    public static string Summary(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.DetailType switch
        {
            AlertEventTypes.AlertRaised =>
                $"{alert.RuleId} ({alert.Severity}): {alert.Metric} {Number(alert.Value)} {(alert.Direction == "below" ? "<" : ">")} {Number(alert.Threshold)}, clears {(alert.Direction == "below" ? "above" : "below")} {Number(alert.ClearLevel)}",
            AlertEventTypes.AlertCleared => $"{alert.RuleId}: {alert.Metric} back to {Number(alert.Value)}",
            AlertEventTypes.DeviceSilent =>
                $"no reading since {Time(alert.LastSeenAt)}{(alert.SilentAfter is { } after ? $" (silent after {Durations.Format(after)})" : "")}",
            AlertEventTypes.DeviceResumed => $"reporting again at {Time(alert.EndedAt)}, silent since {Time(alert.LastSeenAt)}",
            _ => string.Empty,
        };
    }

    /// <summary>The event's detail (docs/alert-events.md) with its <c>detailType</c> first: one NDJSON line.</summary>
    public static string Json(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var detail = AlertEventCodec.EncodeDetail(alert);
        return $"{{\"detailType\":\"{alert.DetailType}\",{detail[1..]}";
    }

    /// <summary>The transition in one upper-case word: RAISED, CLEARED, SILENT, RESUMED.</summary>
    public static string Word(string detailType) => detailType switch
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
