using Telemetry.Aws.EventBridge;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Metrics;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// Publishes alert events to an EventBridge bus, stamped with the device time of their transition. What could not
/// be published (after the publisher's own retries of throttled and failed entries) is handed back, to stay in the
/// pair's outbox until a later try.
/// </summary>
public sealed class EventBridgeAlertPublisher(EventBridgePublisher publisher, string eventBusName, TextWriter log) : IAlertPublisher
{
    public async Task<IReadOnlyList<AlertEvent>> PublishAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = events.Select(Entry).ToList();
        var result = await publisher.PublishAsync(eventBusName, entries, cancellationToken);
        var failed = result.Failed.ToList();
        foreach (var outcome in failed)
        {
            await log.WriteLineAsync(
                $"alert event {events[outcome.Index].DetailType} {events[outcome.Index].EpisodeId} not published after {outcome.Attempts} attempt(s): {outcome.ErrorCode}: {outcome.ErrorMessage}");
        }

        var failedIndexes = failed.Select(o => o.Index).ToHashSet();
        foreach (var published in events.Where((_, i) => !failedIndexes.Contains(i)))
        {
            InvocationCounters.Add(
                published.DetailType is AlertEventTypes.AlertRaised or AlertEventTypes.DeviceSilent ? FunctionMetricNames.AlertsRaised : FunctionMetricNames.AlertsCleared);
        }

        return [.. failed.Select(o => events[o.Index])];
    }

    private static EventEntry Entry(AlertEvent alert) =>
        new(AlertEventTypes.Source, alert.DetailType, AlertEventCodec.EncodeDetail(alert))
        {
            Time = alert.EndedAt ?? alert.RaisedAt ?? alert.StartedAt,
        };
}
