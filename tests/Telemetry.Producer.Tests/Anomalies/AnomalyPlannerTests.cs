using Telemetry.Contracts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Devices;

namespace Telemetry.Producer.Tests.Anomalies;

public class AnomalyPlannerTests
{
    [Fact]
    public void TryPlan_RunShorterThanTheRulesCondition_ProblemNamesADurationThatFits()
    {
        // The fourth excursion goes to thermostat-too-cold: 1m below 12 °C, plus margin and recovery.
        var problems = Problems(new AnomalyOptions { Excursions = 4 }, devices: 9, TimeSpan.FromSeconds(30));

        var problem = Assert.Single(problems, p => p.Contains("thermostat-too-cold", StringComparison.Ordinal));
        Assert.Equal("--excursions: an excursion of rule 'thermostat-too-cold' (for 1m, plus a margin and the recovery) needs 84s of device time at this rate; the run lasts 30s: give --duration 84s or more.", problem);
        Assert.True(Fits(new AnomalyOptions { Excursions = 4 }, devices: 9, TimeSpan.FromSeconds(84)));
        Assert.False(Fits(new AnomalyOptions { Excursions = 4 }, devices: 9, TimeSpan.FromSeconds(83)));
    }

    [Fact]
    public void TryPlan_SilenceLongerThanTheRun_ProblemNamesADurationThatFits()
    {
        var problems = Problems(new AnomalyOptions { Silences = 1 }, devices: 3, TimeSpan.FromMinutes(1));

        Assert.Equal("--silences: a silence of a thermostat (its 1m threshold, the alerter's 15s last-seen lag and half the threshold again) needs 109s of device time at this rate; the run lasts 1m: give --duration 109s or more.", Assert.Single(problems));
        Assert.True(Fits(new AnomalyOptions { Silences = 1 }, devices: 3, TimeSpan.FromSeconds(109)));
        Assert.False(Fits(new AnomalyOptions { Silences = 1 }, devices: 3, TimeSpan.FromSeconds(108)));
    }

    [Theory]
    [InlineData("1s", 1.0)]
    [InlineData("20s", 1.0)]
    [InlineData("30s", 10.0)]
    [InlineData("2m", 0.1)]
    [InlineData("2m", 1.0)]
    public void TryPlan_AnySilenceThreshold_DeviceQuietInArrivalForLongerThanThresholdPlusLastSeenLag(string threshold, double rate)
    {
        // Silence is reported past threshold + lag (docs/alerter.md); 1.5 × a 20 s threshold alone would be 31 s of 35.
        Assert.True(Durations.TryParse(threshold, out var after));
        var rules = new AlertRuleSet([], new Dictionary<string, TimeSpan> { ["thermostat"] = after });

        Assert.True(AnomalyPlanner.TryPlan(new AnomalyOptions { Silences = 1, Rules = rules }, Fleet.Generate(1, 1), rate, 100_000, 1, out var plan, out _));
        var silence = Assert.Single(plan.Anomalies);
        var quiet = silence.Expected[1].At - silence.Expected[0].At;

        Assert.True(quiet > after + SilenceWatch.DefaultLastSeenLag, $"quiet for {quiet}");
    }

    [Fact]
    public void TryPlan_ReadmeExampleOfEveryKind_FitsFiveMinutesButNotFour()
    {
        var options = new AnomalyOptions { Excursions = 3, Flapping = 1, Silences = 1 };

        Assert.True(Fits(options, devices: 20, TimeSpan.FromMinutes(5)));
        Assert.False(Fits(options, devices: 20, TimeSpan.FromMinutes(3.9)));
    }

    [Fact]
    public void TryPlan_MoreAnomaliesThanDevices_ProblemSaysHowManyDevicesQualify()
    {
        var problems = Problems(new AnomalyOptions { Excursions = 3, Flapping = 1, Silences = 1 }, devices: 4, TimeSpan.FromMinutes(30));

        var problem = Assert.Single(problems);
        Assert.Contains("need one device each; of the 4 devices, 4 are watched by a rule", problem, StringComparison.Ordinal);
        Assert.Contains("more --devices", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPlan_NoRuleForTheFleetsMetrics_ProblemListsTheMetrics()
    {
        var rules = new AlertRuleSet(
            [new AlertRule("pressure", "pressure", "thermostat", AlertDirection.Above, 5, 4, AlertCondition.Immediately, AlertSeverity.Info)],
            new Dictionary<string, TimeSpan>());

        var fits = AnomalyPlanner.TryPlan(
            new AnomalyOptions { Excursions = 1, Silences = 1, Rules = rules, RulesSource = "rules.json" }, Fleet.Generate(3, 1), 1, 3000, 1, out _, out var problems);

        Assert.False(fits);
        Assert.Contains(problems, p => p.StartsWith("--excursions and --flapping need a rule of rules.json", StringComparison.Ordinal) && p.Contains("thermostat: temperature", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--silences needs a silence threshold in rules.json", StringComparison.Ordinal));
    }

    [Fact]
    public void TryPlan_RuleForOtherDevicesOnly_NotChosen()
    {
        var onlyOne = new AlertRule("hot-one", "temperature", "thermostat", AlertDirection.Above, 28, 26, AlertCondition.Immediately, AlertSeverity.Info)
        {
            DeviceIds = new HashSet<string> { "thermostat-0002" },
        };

        AnomalyPlanner.TryPlan(
            new AnomalyOptions { Excursions = 1, Rules = new AlertRuleSet([onlyOne], new Dictionary<string, TimeSpan>()) }, Fleet.Generate(9, 1), 1, 9000, 1, out var plan, out _);

        Assert.Equal("thermostat-0002", Assert.Single(plan.Anomalies).Device.DeviceId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TryPlan_SameSeed_SamePlan(int seed)
    {
        var options = new AnomalyOptions { Excursions = 2, Flapping = 1, Silences = 2, Rules = ShippedRules.Set };
        var fleet = Fleet.Generate(30, seed);

        AnomalyPlanner.TryPlan(options, fleet, 1, 30 * 1800, seed, out var first, out _);
        AnomalyPlanner.TryPlan(options, fleet, 1, 30 * 1800, seed, out var second, out _);

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(5, first.Anomalies.Select(a => a.Device.DeviceId).Distinct().Count());
    }

    [Fact]
    public void TryPlan_OtherSeeds_OtherDevicesOrTimes()
    {
        var options = new AnomalyOptions { Excursions = 2, Silences = 1, Rules = ShippedRules.Set };
        var fleet = Fleet.Generate(30, 1);

        var plans = Enumerable.Range(1, 5).Select(seed =>
        {
            AnomalyPlanner.TryPlan(options, fleet, 1, 30 * 1800, seed, out var plan, out _);
            return string.Join(";", Describe(plan));
        });

        Assert.Equal(5, plans.Distinct().Count());
    }

    [Fact]
    public void TryPlan_NoAnomalies_EmptyPlanWithoutRules()
    {
        Assert.True(AnomalyPlanner.TryPlan(AnomalyOptions.None, Fleet.Generate(3, 1), 1, 30, 1, out var plan, out var problems));
        Assert.Empty(plan.Anomalies);
        Assert.Empty(problems);
    }

    private static IReadOnlyList<string> Problems(AnomalyOptions options, int devices, TimeSpan duration)
    {
        AnomalyPlanner.TryPlan(options with { Rules = ShippedRules.Set }, Fleet.Generate(devices, 42), 1, (long)(duration.TotalSeconds * devices), 42, out _, out var problems);
        return problems;
    }

    private static bool Fits(AnomalyOptions options, int devices, TimeSpan duration) =>
        AnomalyPlanner.TryPlan(options with { Rules = ShippedRules.Set }, Fleet.Generate(devices, 42), 1, (long)(duration.TotalSeconds * devices), 42, out _, out _);

    private static List<string> Describe(AnomalyPlan plan) =>
        plan.Anomalies.Select(a => $"{a.Kind} {a.Device.DeviceId} {a.Rule?.Id} {a.FirstReading} {a.StartsAt} {a.EndsAt}").ToList();
}
