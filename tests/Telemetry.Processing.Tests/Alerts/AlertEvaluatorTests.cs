using Telemetry.Contracts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly AlertRule Hot = new("hot", "temperature", "thermostat", AlertDirection.Above, 80, 75, AlertCondition.Immediately, AlertSeverity.Warning);

    private static Reading At(int second, double temperature, long? sequence = null, long boot = 0) =>
        TestReadings.Reading(TestReadings.At0400.AddSeconds(second), sequence: sequence ?? second + 1, metrics: ("temperature", temperature)) with { Boot = boot };

    private static (AlertState State, List<AlertTransition> Transitions) Run(AlertRule rule, IEnumerable<Reading> readings, AlertState? from = null)
    {
        var state = from ?? AlertState.Initial;
        var transitions = new List<AlertTransition>();
        foreach (var reading in readings)
        {
            var step = AlertEvaluator.Apply(rule, state, reading);
            state = step.State;
            if (step.Transition is { } t)
            {
                transitions.Add(t);
            }
        }

        return (state, transitions);
    }

    private static string Kinds(IEnumerable<AlertTransition> transitions) => string.Join(",", transitions.Select(t => t.Kind));

    [Fact]
    public void Apply_ValueAboveThreshold_RaisesWithTheRuleAndReading()
    {
        var (state, transitions) = Run(Hot, [At(0, 70), At(1, 81)]);

        var raised = Assert.Single(transitions);
        Assert.Equal(AlertTransitionKind.Raised, raised.Kind);
        Assert.Equal(81, raised.Value);
        Assert.Equal(TestReadings.At0400.AddSeconds(1), raised.At);
        Assert.Equal(new ReadingId("dev-1", 0, 2), raised.Episode.RaisedBy);
        Assert.Equal(AlertPhase.Firing, state.Phase);
    }

    [Fact]
    public void Apply_ValueExactlyAtThreshold_DoesNotBreach()
    {
        var (state, transitions) = Run(Hot, [At(0, 80)]);

        Assert.Empty(transitions);
        Assert.Equal(AlertPhase.Ok, state.Phase);
    }

    [Fact]
    public void Apply_OscillatingBetweenClearLevelAndThreshold_RaisesOnceAndClearsOnlyBelowTheClearLevel()
    {
        var values = new[] { 81.0, 79, 81, 76, 82, 75.5, 80.5, 74.9, 79, 81 };

        var (_, transitions) = Run(Hot, values.Select((v, i) => At(i, v)));

        Assert.Equal("Raised,Cleared,Raised", Kinds(transitions));
        Assert.Equal(74.9, transitions[1].Value);
        Assert.NotEqual(transitions[0].Episode.Id, transitions[2].Episode.Id);
    }

    [Fact]
    public void Apply_BelowRule_BreachesBelowAndClearsAbove()
    {
        var cold = Hot with { Id = "cold", Direction = AlertDirection.Below, Threshold = 12, ClearLevel = 14 };

        var (_, transitions) = Run(cold, [At(0, 13), At(1, 11.9), At(2, 13.9), At(3, 14.1)]);

        Assert.Equal("Raised,Cleared", Kinds(transitions));
        Assert.Equal((11.9, 14.1), (transitions[0].Value, transitions[1].Value));
    }

    [Fact]
    public void Apply_DurationCondition_FiresOnlyOnceTheBreachHasHeldThatLong()
    {
        var rule = Hot with { Condition = AlertCondition.For(TimeSpan.FromSeconds(30)) };

        var (state, transitions) = Run(rule, [At(0, 81), At(10, 82), At(29, 83)]);
        Assert.Empty(transitions);
        Assert.Equal((AlertPhase.Pending, TestReadings.At0400), (state.Phase, state.BreachSince!.Value));

        var (_, fired) = Run(rule, [At(30, 84)], state);
        var raised = Assert.Single(fired);
        Assert.Equal(TestReadings.At0400, raised.Episode.StartedAt);
        Assert.Equal(TestReadings.At0400.AddSeconds(30), raised.Episode.RaisedAt);
    }

    [Fact]
    public void Apply_DurationConditionInterrupted_StartsTheClockAgain()
    {
        var rule = Hot with { Condition = AlertCondition.For(TimeSpan.FromSeconds(30)) };

        // 79 is between the clear level and the threshold: not a breach, so the pending breach ends.
        var (state, transitions) = Run(rule, [At(0, 81), At(20, 79), At(25, 81), At(50, 81)]);

        Assert.Empty(transitions);
        Assert.Equal(TestReadings.At0400.AddSeconds(25), state.BreachSince);
        Assert.Single(Run(rule, [At(55, 81)], state).Transitions);
    }

    [Fact]
    public void Apply_CountCondition_FiresOnTheNthConsecutiveBreach()
    {
        var rule = Hot with { Condition = AlertCondition.ConsecutiveReadings(3) };

        var (_, interrupted) = Run(rule, [At(0, 81), At(1, 81), At(2, 70), At(3, 81), At(4, 81)]);
        var (_, fired) = Run(rule, [At(0, 81), At(1, 81), At(2, 81)]);

        Assert.Empty(interrupted);
        Assert.Equal(TestReadings.At0400, Assert.Single(fired).Episode.StartedAt);
    }

    [Fact]
    public void Apply_SameReadingTwice_ChangesNothingTheSecondTime()
    {
        var raise = At(1, 81);
        var first = AlertEvaluator.Apply(Hot, AlertState.Initial, raise);

        var again = AlertEvaluator.Apply(Hot, first.State, raise);

        Assert.NotNull(first.Transition);
        Assert.Null(again.Transition);
        Assert.Same(first.State, again.State);
    }

    [Fact]
    public void Apply_ReadingOlderThanTheLastApplied_IsIgnored()
    {
        var (state, _) = Run(Hot, [At(5, 70)]);

        var late = AlertEvaluator.Apply(Hot, state, At(4, 90));

        Assert.Null(late.Transition);
        Assert.Equal(AlertPhase.Ok, late.State.Phase);
    }

    [Fact]
    public void Apply_NewBootWithLowerSequence_IsApplied()
    {
        var (state, _) = Run(Hot, [At(0, 70, sequence: 500, boot: 1)]);

        var afterRestart = AlertEvaluator.Apply(Hot, state, At(1, 81, sequence: 1, boot: 2));

        Assert.NotNull(afterRestart.Transition);
    }

    [Fact]
    public void Apply_ReadingOfAnotherTypeOrWithoutTheMetric_IsIgnored()
    {
        var vibration = At(0, 90) with { DeviceType = "vibration" };
        var humidityOnly = TestReadings.Reading(TestReadings.At0400, metrics: ("humidity", 99.0));

        Assert.Null(AlertEvaluator.Apply(Hot, AlertState.Initial, vibration).Transition);
        Assert.Same(AlertState.Initial, AlertEvaluator.Apply(Hot, AlertState.Initial, humidityOnly).State);
    }

    [Fact]
    public void Apply_RuleLimitedToDevicesAndSite_WatchesOnlyThose()
    {
        var rule = Hot with { DeviceIds = new HashSet<string> { "dev-2" }, Site = "plant-a" };

        Assert.Null(AlertEvaluator.Apply(rule, AlertState.Initial, At(0, 90)).Transition);
        Assert.NotNull(AlertEvaluator.Apply(rule, AlertState.Initial, At(0, 90) with { DeviceId = "dev-2" }).Transition);
        Assert.Null(AlertEvaluator.Apply(rule, AlertState.Initial, At(0, 90) with { DeviceId = "dev-2", Site = "plant-b" }).Transition);
    }

    [Fact]
    public void EpisodeIds_SameRuleAndReading_SameId()
    {
        var id = new ReadingId("dev-1", 7, 42);

        Assert.Equal(EpisodeIds.Of("hot", id), EpisodeIds.Of("hot", id));
        Assert.NotEqual(EpisodeIds.Of("hot", id), EpisodeIds.Of("cold", id));
        Assert.NotEqual(EpisodeIds.Of("hot", id), EpisodeIds.Of("hot", id with { Boot = 8 }));
        Assert.Matches("^[0-9a-f]{32}$", EpisodeIds.Of("hot", id));
    }
}
