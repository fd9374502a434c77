namespace Telemetry.Processing.Alerts;

/// <summary>What an applied reading did to an episode: raised it or cleared it.</summary>
public enum AlertTransitionKind
{
    Raised,
    Cleared,
}

/// <summary>
/// A change that subscribers hear about.
/// </summary>
/// <param name="Kind">Raised or cleared.</param>
/// <param name="Episode">The episode raised or cleared.</param>
/// <param name="Value">The metric's value in the reading that made the change.</param>
/// <param name="At">That reading's device time: the raise time, or the end of the episode.</param>
public sealed record AlertTransition(AlertTransitionKind Kind, AlertEpisode Episode, double Value, DateTimeOffset At);
