using Telemetry.Contracts.Alerts;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Commands.Query;

/// <summary>One episode as <c>query alerts</c> shows it: the fields of its opening and closing events, flattened.</summary>
public sealed record AlertEpisodeView(
    string EpisodeId,
    string Kind,
    string DeviceId,
    string DeviceType,
    string Site,
    string? RuleId,
    string? Severity,
    string? Metric,
    string State,
    DateTimeOffset StartedAt,
    DateTimeOffset? RaisedAt,
    DateTimeOffset? EndedAt,
    double? RaisedValue,
    double? ClearedValue,
    double? Threshold,
    double? ClearLevel)
{
    public const string Open = "open";
    public const string Cleared = "cleared";

    public static AlertEpisodeView From(AlertEpisodeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var any = row.Any;
        var silence = any.DetailType is AlertEventTypes.DeviceSilent or AlertEventTypes.DeviceResumed;
        return new AlertEpisodeView(
            any.EpisodeId,
            silence ? "silence" : "threshold",
            any.DeviceId,
            any.DeviceType,
            any.Site,
            any.RuleId,
            any.Severity,
            any.Metric,
            row.IsOpen ? Open : Cleared,
            any.StartedAt,
            any.RaisedAt,
            row.Closed?.EndedAt,
            row.Opened?.Value,
            row.Closed?.Value,
            any.Threshold,
            any.ClearLevel);
    }

    /// <summary>Whether the episode passes the command's filters (null: any).</summary>
    public bool Matches(string? deviceId, string? ruleId, string? state) =>
        (deviceId is null || DeviceId == deviceId)
        && (ruleId is null || RuleId == ruleId || (ruleId == "silence" && Kind == "silence"))
        && (state is null || State == state);
}
