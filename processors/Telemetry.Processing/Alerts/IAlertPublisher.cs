using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>Publishes alert events to whoever listens; knows nothing of the listeners.</summary>
public interface IAlertPublisher
{
    /// <summary>Publishes <paramref name="events"/>; returns those that could not be published (empty when all were).</summary>
    Task<IReadOnlyList<AlertEvent>> PublishAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken);
}
