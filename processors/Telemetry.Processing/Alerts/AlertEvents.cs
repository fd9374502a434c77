using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>Turns a rule's transition into the published event.</summary>
public static class AlertEvents
{
    public static AlertEvent From(AlertRule rule, Reading reading, AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(transition);
        var episode = transition.Episode;
        var raised = transition.Kind == AlertTransitionKind.Raised;
        return new AlertEvent(
            raised ? AlertEventTypes.AlertRaised : AlertEventTypes.AlertCleared,
            episode.Id,
            reading.DeviceId,
            reading.DeviceType,
            reading.Site,
            episode.StartedAt)
        {
            RuleId = rule.Id,
            Severity = AlertWords.Of(rule.Severity),
            Metric = rule.Metric,
            Direction = AlertWords.Of(rule.Direction),
            Value = transition.Value,
            Threshold = rule.Threshold,
            ClearLevel = rule.ClearLevel,
            RaisedAt = episode.RaisedAt,
            EndedAt = raised ? null : transition.At,
        };
    }
}
