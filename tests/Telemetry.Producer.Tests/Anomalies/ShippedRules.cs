using Telemetry.Contracts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Cli;

namespace Telemetry.Producer.Tests.Anomalies;

/// <summary>The rules the repository ships, and the alert transitions the production evaluator makes of readings.</summary>
internal static class ShippedRules
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "alert-rules.json");

    public static AlertRuleSet Set { get; } = AlertRulesFile.Load(Path);

    public static AlertRule Rule(string id) => Set.Rules.Single(r => r.Id == id);

    /// <summary>Folds one device's readings, in its order, into <paramref name="rule"/> and returns every transition.</summary>
    public static IReadOnlyList<AlertTransition> Transitions(AlertRule rule, IEnumerable<Reading> deviceReadings)
    {
        var state = AlertState.Initial;
        var transitions = new List<AlertTransition>();
        foreach (var reading in deviceReadings)
        {
            var step = AlertEvaluator.Apply(rule, state, reading);
            state = step.State;
            if (step.Transition is { } transition)
            {
                transitions.Add(transition);
            }
        }

        return transitions;
    }
}
