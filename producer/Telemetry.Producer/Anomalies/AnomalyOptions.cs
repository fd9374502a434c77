using Telemetry.Processing.Alerts;

namespace Telemetry.Producer.Anomalies;

/// <summary>
/// How many devices a run pushes over an alert rule's threshold and back, makes flap around one, or silences for a
/// while. Counts of devices, not rates: the point is an exactly known set of alerts. None by default.
/// </summary>
public sealed record AnomalyOptions
{
    public static AnomalyOptions None { get; } = new();

    public int Excursions { get; init; }

    public int Flapping { get; init; }

    public int Silences { get; init; }

    /// <summary>The rules and silence thresholds the anomalies are shaped for; needed when <see cref="Any"/>.</summary>
    public AlertRuleSet? Rules { get; init; }

    /// <summary>Where <see cref="Rules"/> came from, for messages.</summary>
    public string RulesSource { get; init; } = "the alert rules";

    public bool Any => Excursions > 0 || Flapping > 0 || Silences > 0;

    /// <summary>Problems, as messages naming the flag; empty when valid. Whether the anomalies fit the run is the planner's question.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Count("--excursions", Excursions);
        Count("--flapping", Flapping);
        Count("--silences", Silences);
        if (Any && Rules is null)
        {
            errors.Add("Anomalies need the alert rules (--alert-rules FILE).");
        }

        return errors;

        void Count(string flag, int value)
        {
            if (value < 0)
            {
                errors.Add($"{flag} is a number of devices, 0 or more, for example {flag} 2 (got {value}).");
            }
        }
    }
}
