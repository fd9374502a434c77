using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// The history of episodes, for people asking "what fired, and is it still open": each opening event records an
/// episode, each closing event closes it. Recording an event again changes nothing, and a late repeat of an
/// opening event never reopens an episode that was closed.
/// </summary>
public interface IAlertEpisodeLog
{
    /// <summary>Records <paramref name="events"/> in order; returns those that could not be recorded (empty when all were).</summary>
    Task<IReadOnlyList<AlertEvent>> RecordAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken);
}
