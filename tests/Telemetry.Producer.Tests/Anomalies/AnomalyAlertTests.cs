using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Anomalies;

namespace Telemetry.Producer.Tests.Anomalies;

/// <summary>Readings of planned anomalies through the production evaluator with the shipped rules: the alerts are the planned ones.</summary>
public class AnomalyAlertTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Next_Excursions_EachRuleRaisesOnceAndClearsOnceAtThePlannedTimes(int seed)
    {
        // Four excursions over three types: every shipped rule gets one.
        var run = AnomalyRun.Generate(new AnomalyOptions { Excursions = 4 }, devices: 12, seed, TenMinutes);

        Assert.Equal(ShippedRules.Set.Rules.Select(r => r.Id).Order(), run.Plan.Anomalies.Select(a => a.Rule!.Id).Order());
        foreach (var anomaly in run.Plan.Anomalies)
        {
            AssertRaisedOnceAndCleared(run, anomaly);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Next_Flapping_RaisesOnceAndClearsOnceThoughItCrossesTheThresholdThreeTimes(int seed)
    {
        var run = AnomalyRun.Generate(new AnomalyOptions { Flapping = 4 }, devices: 12, seed, TimeSpan.FromMinutes(15));

        Assert.Equal(4, run.Plan.Anomalies.Select(a => a.Rule!.Id).Distinct().Count());
        foreach (var anomaly in run.Plan.Anomalies)
        {
            AssertRaisedOnceAndCleared(run, anomaly);
            var rule = anomaly.Rule!;
            var breaching = run.Of(anomaly.Device.DeviceId).Select(r => rule.Breaches(r.Metrics[rule.Metric])).ToList();
            var breachesStarted = breaching.Zip(breaching.Skip(1)).Count(p => !p.First && p.Second);
            Assert.True(breachesStarted >= 3, $"{anomaly.Device.DeviceId} crossed {rule.Id}'s threshold {breachesStarted} times");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Next_UntouchedDevicesOverADay_RaiseNothingThoughSpikesCrossThresholds(int seed)
    {
        // A whole day, so every device passes its daily high and low and drifts to its bound.
        var run = AnomalyRun.Generate(new AnomalyOptions { Excursions = 2, Silences = 1 }, devices: 30, seed, TimeSpan.FromDays(1), rate: 0.1);
        var touched = run.Plan.Anomalies.Select(a => a.Device.DeviceId).ToHashSet();
        var singleBreaches = 0;

        foreach (var device in run.Fleet.Devices.Where(d => !touched.Contains(d.DeviceId)))
        {
            var readings = run.Of(device.DeviceId).ToList();
            foreach (var rule in ShippedRules.Set.Rules.Where(r => r.DeviceType == device.DeviceType))
            {
                Assert.Empty(ShippedRules.Transitions(rule, readings));
                singleBreaches += readings.Count(r => rule.Breaches(r.Metrics[rule.Metric]));
            }
        }

        Assert.True(singleBreaches > 0, "no spike crossed a threshold: the test would prove nothing");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public void Next_Silences_GapLongerThanTheThresholdThenTheSameBootContinuesItsNumbering(int seed)
    {
        var run = AnomalyRun.Generate(new AnomalyOptions { Silences = 3 }, devices: 9, seed, TenMinutes);

        Assert.Equal(["cold-storage", "thermostat", "vibration"], run.Plan.Anomalies.Select(a => a.Device.DeviceType).Order());
        foreach (var anomaly in run.Plan.Anomalies)
        {
            var readings = run.Of(anomaly.Device.DeviceId).ToList();
            Assert.Equal(Enumerable.Range(1, readings.Count).Select(i => (long)i), readings.Select(r => r.Sequence));
            Assert.Single(readings.Select(r => r.Boot).Distinct());
            var gaps = readings.Zip(readings.Skip(1), (a, b) => (From: a.Timestamp, To: b.Timestamp)).ToList();
            var silent = Assert.Single(gaps, g => g.To - g.From > TimeSpan.FromSeconds(1.5));
            Assert.True(silent.To - silent.From > (anomaly.SilenceAfter!.Value * 1.5) + SilenceWatch.DefaultLastSeenLag, $"gap {silent.To - silent.From}");
            Assert.Equal(
                [(AlertEventTypes.DeviceSilent, silent.From), (AlertEventTypes.DeviceResumed, silent.To)],
                anomaly.Expected.Select(e => (e.DetailType, run.Start + e.At)));
            Assert.True(readings.Count(r => r.Timestamp > silent.To) >= 2, "readings resume before the run ends");
        }

        Assert.Equal(run.Slots - run.Plan.SilencedReadings, run.Readings.Count);
    }

    private static void AssertRaisedOnceAndCleared(AnomalyRun run, PlannedAnomaly anomaly)
    {
        var readings = run.Of(anomaly.Device.DeviceId).ToList();
        var transitions = ShippedRules.Transitions(anomaly.Rule!, readings);
        Assert.Equal(
            anomaly.Expected.Select(e => (e.DetailType, run.Start + e.At)),
            transitions.Select(t => (t.Kind == AlertTransitionKind.Raised ? AlertEventTypes.AlertRaised : AlertEventTypes.AlertCleared, t.At)));
        Assert.Equal([AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared], anomaly.Expected.Select(e => e.DetailType));
        foreach (var other in ShippedRules.Set.Rules.Where(r => r.DeviceType == anomaly.Device.DeviceType && r != anomaly.Rule))
        {
            Assert.Empty(ShippedRules.Transitions(other, readings));
        }
    }
}
