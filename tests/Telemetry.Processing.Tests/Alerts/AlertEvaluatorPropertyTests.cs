using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Telemetry.Contracts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class AlertEvaluatorPropertyTests
{
    private static readonly AlertRule Rule = new("hot", "temperature", "thermostat", AlertDirection.Above, 80, 75, AlertCondition.ConsecutiveReadings(2), AlertSeverity.Critical);

    // Redelivery in the stream's order: each batch may be delivered again, and a retry starts again from an earlier
    // point (a bisected or partly failed batch), so the device's readings arrive as overlapping runs in order.
    [Property(MaxTest = 300)]
    public Property Apply_OverlappingRedeliveries_SameTransitionsAsEachReadingOnce()
    {
        var values = Gen.Choose(70, 90).ArrayOf().Where(a => a.Length is > 0 and < 60);
        var restarts = Gen.Choose(0, 100).ArrayOf();
        return Prop.ForAll(values.ToArbitrary(), restarts.ToArbitrary(), (temperatures, rewinds) =>
        {
            var readings = temperatures
                .Select((t, i) => TestReadings.Reading(TestReadings.At0400.AddSeconds(i), sequence: i + 1, metrics: ("temperature", (double)t)))
                .ToList();
            var once = Transitions(readings);

            var delivered = new List<Reading>();
            var position = 0;
            foreach (var rewind in rewinds)
            {
                var end = Math.Min(readings.Count, position + 1 + (rewind % 7));
                delivered.AddRange(readings.Skip(position).Take(end - position));
                position = Math.Max(0, end - (rewind % 5));
            }

            delivered.AddRange(readings.Skip(position));

            Assert.Equal(once, Transitions(delivered));
        });
    }

    private static List<(AlertTransitionKind, string, ReadingId)> Transitions(IEnumerable<Reading> readings)
    {
        var state = AlertState.Initial;
        var result = new List<(AlertTransitionKind, string, ReadingId)>();
        foreach (var reading in readings)
        {
            var step = AlertEvaluator.Apply(Rule, state, reading);
            state = step.State;
            if (step.Transition is { } t)
            {
                result.Add((t.Kind, t.Episode.Id, t.Episode.RaisedBy));
            }
        }

        return result;
    }
}
