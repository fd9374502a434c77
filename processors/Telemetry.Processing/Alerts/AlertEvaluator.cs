using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>The state after a reading, and the transition it caused if any.</summary>
public sealed record AlertStep(AlertState State, AlertTransition? Transition);

/// <summary>
/// Folds a device's readings, in the device's own order and in device time, into one rule's state. Pure: the same
/// state and reading give the same step, and a reading not after the last applied one changes nothing, which is
/// what makes redelivery, bisection and replay raise and clear each episode once.
/// </summary>
public static class AlertEvaluator
{
    public static AlertStep Apply(AlertRule rule, AlertState state, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(reading);
        if (!state.IsNew(reading.Id) || !rule.Watches(reading))
        {
            return new AlertStep(state, null);
        }

        var value = reading.Metrics[rule.Metric];
        var at = reading.Timestamp;
        return state.Phase switch
        {
            AlertPhase.Firing when rule.Clears(value) => new AlertStep(
                AlertState.Initial with { LastApplied = reading.Id },
                new AlertTransition(AlertTransitionKind.Cleared, state.Episode!, value, at)),
            AlertPhase.Firing => new AlertStep(state with { LastApplied = reading.Id }, null),
            _ when !rule.Breaches(value) => new AlertStep(AlertState.Initial with { LastApplied = reading.Id }, null),
            _ => Breach(rule, state, reading, value),
        };
    }

    // A breaching reading in OK starts the breach; in PENDING it extends it. Either may meet the condition.
    private static AlertStep Breach(AlertRule rule, AlertState state, Reading reading, double value)
    {
        var since = state.Phase == AlertPhase.Pending ? state.BreachSince!.Value : reading.Timestamp;
        var readings = state.Phase == AlertPhase.Pending ? state.BreachReadings + 1 : 1;
        if (!rule.Condition.IsMet(since, reading.Timestamp, readings))
        {
            return new AlertStep(new AlertState(AlertPhase.Pending, reading.Id, since, readings, null), null);
        }

        var episode = new AlertEpisode(EpisodeIds.Of(rule.Id, reading.Id), since, reading.Timestamp, reading.Id, value);
        return new AlertStep(
            new AlertState(AlertPhase.Firing, reading.Id, since, readings, episode),
            new AlertTransition(AlertTransitionKind.Raised, episode, value, reading.Timestamp));
    }
}
