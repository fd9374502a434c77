using Telemetry.Processing.Alerts;

namespace Telemetry.Producer.Anomalies;

/// <summary>
/// The value an anomalous reading carries for its rule's metric in each phase. Margins are in units of the rule's
/// hysteresis gap (threshold to clear level), so that they scale with the metric; a small wobble keeps the line
/// from looking flat without ever leaving the phase.
/// </summary>
public static class AnomalyValues
{
    public static double For(AlertRule rule, AnomalyPhase phase, long position)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var gap = Math.Abs(rule.Threshold - rule.ClearLevel);
        var unit = gap > 0 ? gap : 1;
        var outward = rule.Direction == AlertDirection.Above ? 1 : -1;
        var wobble = Math.Sin(position);
        var value = phase switch
        {
            AnomalyPhase.Breach => rule.Threshold + (outward * unit * (1 + (0.15 * wobble))),
            // Without a gap there is no band; the threshold itself neither breaches (strictly past) nor clears.
            AnomalyPhase.Band => gap > 0 ? rule.ClearLevel + (outward * gap * (0.5 + (0.1 * wobble))) : rule.Threshold,
            AnomalyPhase.Recover => rule.ClearLevel - (outward * unit * (0.5 + (0.1 * wobble))),
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "A silent reading has no value."),
        };

        // Readings carry two decimals; keep the rounded value only if it is still in its phase (a tiny gap may not be).
        var rounded = Math.Round(value, 2);
        return InPhase(rule, phase, rounded) ? rounded : value;
    }

    private static bool InPhase(AlertRule rule, AnomalyPhase phase, double value) => phase switch
    {
        AnomalyPhase.Breach => rule.Breaches(value),
        AnomalyPhase.Band => !rule.Breaches(value) && !rule.Clears(value),
        _ => rule.Clears(value),
    };
}
