using System.Globalization;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Anomalies;

/// <summary>
/// Chooses the devices, rules and times of a run's anomalies and shapes them from the rules, so that the alerts they
/// cause are known in advance (docs/simulator-anomalies.md). Pure, and seeded by its own generator: the same seed,
/// fleet, rate, length and rules give the same plan whatever the other faults.
/// </summary>
public static class AnomalyPlanner
{
    /// <summary>Normal readings before an anomaly: the device has been seen before it goes silent or breaches.</summary>
    private const int Lead = 2;

    /// <summary>Normal readings after an anomaly: a silenced device is seen again inside the run.</summary>
    private const int Tail = 2;

    /// <summary>One reading past the clear level clears; a few more survive a reading that is held back or lost.</summary>
    private const int RecoveryReadings = 3;

    /// <summary>
    /// A silence is reported when it lasts longer than its threshold plus the alerter's last-seen lag
    /// (<see cref="SilenceWatch.DefaultLastSeenLag"/>); half the threshold again is the margin, for a reading sent
    /// late before the silence or early after it. Without the lag, 1.5 × a threshold of 30 s or less is too short.
    /// </summary>
    private const double SilenceMargin = 0.5;

    private const int SeedStream = 6;

    /// <summary>Plans <paramref name="options"/> for a run of <paramref name="slots"/> schedule slots; false with the problems, each saying what would fit.</summary>
    public static bool TryPlan(
        AnomalyOptions options,
        Fleet fleet,
        double ratePerDevice,
        long slots,
        int seed,
        out AnomalyPlan plan,
        out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fleet);
        plan = AnomalyPlan.None;
        problems = [];
        if (!options.Any)
        {
            return true;
        }

        var planning = new Planning(options, fleet, ratePerDevice, slots, new Random(FaultPlanner.Derive(seed, SeedStream)));
        var anomalies = planning.Run();
        problems = planning.Problems;
        if (problems.Count > 0)
        {
            return false;
        }

        plan = new AnomalyPlan(anomalies);
        return true;
    }

    /// <summary>Readings a breach must last for <paramref name="rule"/>'s condition at this rate.</summary>
    public static int RequiredReadings(AlertRule rule, double ratePerDevice)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // The duration runs from the first breaching reading to the current one: n readings span n - 1 intervals.
        return rule.Condition.HoldFor is { } hold
            ? (int)Math.Ceiling((hold.TotalSeconds * ratePerDevice) - 1e-9) + 1
            : rule.Condition.Consecutive;
    }

    private sealed class Planning(AnomalyOptions options, Fleet fleet, double rate, long slots, Random random)
    {
        private readonly AlertRuleSet _rules = options.Rules ?? throw new ArgumentException("Anomalies need the alert rules.", nameof(options));
        private readonly HashSet<int> _used = [];
        private readonly List<string> _problems = [];
        private readonly int _fleetSize = fleet.Devices.Count;
        private int _turn;
        private bool _outOfDevices;

        public List<string> Problems => _problems;

        public List<PlannedAnomaly> Run()
        {
            var planned = new List<PlannedAnomaly>();
            var ruleTypes = RuleChoices();
            var silenceTypes = fleet.Devices.Select(d => d.DeviceType).Distinct().Where(_rules.SilenceAfter.ContainsKey).ToList();
            if (options.Excursions + options.Flapping > 0 && ruleTypes.Count == 0)
            {
                _problems.Add($"--excursions and --flapping need a rule of {options.RulesSource} that watches a metric of the simulated devices ({Metrics()}); it has none.");
            }

            if (options.Silences > 0 && silenceTypes.Count == 0)
            {
                _problems.Add($"--silences needs a silence threshold in {options.RulesSource} for a simulated device type ({string.Join(", ", DeviceKinds.All.Select(DeviceKinds.Name))}); it has none.");
            }

            if (_problems.Count > 0)
            {
                return planned;
            }

            for (var i = 0; i < options.Excursions; i++)
            {
                Add(planned, Threshold(AnomalyKind.Excursion, ruleTypes));
            }

            for (var i = 0; i < options.Flapping; i++)
            {
                Add(planned, Threshold(AnomalyKind.Flapping, ruleTypes));
            }

            for (var i = 0; i < options.Silences; i++)
            {
                Add(planned, Silence(silenceTypes));
            }

            if (_outOfDevices)
            {
                var withRule = fleet.Devices.Count(d => _rules.Rules.Any(r => Watches(r, d)));
                var withSilence = fleet.Devices.Count(d => _rules.SilenceAfter.ContainsKey(d.DeviceType));
                _problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--excursions {options.Excursions}, --flapping {options.Flapping} and --silences {options.Silences} need one device each; of the {_fleetSize} devices, {withRule} are watched by a rule of {options.RulesSource} and {withSilence} have a silence threshold: ask for fewer anomalies or more --devices (kinds take turns: every third device is a thermostat)."));
            }

            return planned;
        }

        private void Add(List<PlannedAnomaly> planned, PlannedAnomaly? anomaly)
        {
            if (anomaly is not null)
            {
                planned.Add(anomaly);
                _used.Add(anomaly.Device.Index);
            }
        }

        // Types in fleet order, each with its usable rules, shortest condition first: a short run fits the first ones.
        private List<List<AlertRule>> RuleChoices() =>
            fleet.Devices.Select(d => d.DeviceType).Distinct()
                .Select(type => _rules.Rules
                    .Where(r => r.DeviceType == type && fleet.Devices.Any(d => Watches(r, d)))
                    .OrderBy(r => RequiredReadings(r, rate))
                    .ThenBy(r => r.Id, StringComparer.Ordinal)
                    .ToList())
                .Where(rules => rules.Count > 0)
                .ToList();

        private PlannedAnomaly? Threshold(AnomalyKind kind, List<List<AlertRule>> ruleTypes)
        {
            var turn = _turn++;
            // Types take turns, then each type's rules; a rule with no device left gives way to the next.
            for (var t = 0; t < ruleTypes.Count; t++)
            {
                var rules = ruleTypes[(turn + t) % ruleTypes.Count];
                for (var r = 0; r < rules.Count; r++)
                {
                    var rule = rules[((turn / ruleTypes.Count) + r) % rules.Count];
                    var candidates = fleet.Devices.Where(d => !_used.Contains(d.Index) && Watches(rule, d)).ToList();
                    if (candidates.Count > 0)
                    {
                        return Place(kind, candidates[random.Next(candidates.Count)], rule, null, ThresholdSegments(kind, rule));
                    }
                }
            }

            _outOfDevices = true;
            return null;
        }

        private PlannedAnomaly? Silence(List<string> types)
        {
            var turn = _turn++;
            for (var t = 0; t < types.Count; t++)
            {
                var type = types[(turn + t) % types.Count];
                var candidates = fleet.Devices.Where(d => !_used.Contains(d.Index) && d.DeviceType == type).ToList();
                if (candidates.Count > 0)
                {
                    var after = _rules.SilenceAfter[type];
                    var gap = (int)Math.Ceiling(((after + SilenceWatch.DefaultLastSeenLag + (after * SilenceMargin)).TotalSeconds * rate) - 1e-9);
                    return Place(AnomalyKind.Silence, candidates[random.Next(candidates.Count)], null, after, [new AnomalySegment(AnomalyPhase.Silent, gap)]);
                }
            }

            _outOfDevices = true;
            return null;
        }

        private List<AnomalySegment> ThresholdSegments(AnomalyKind kind, AlertRule rule)
        {
            var required = RequiredReadings(rule, rate);
            var margin = Math.Max(2, (int)Math.Ceiling(required / 4.0));
            var breach = new AnomalySegment(AnomalyPhase.Breach, required + margin);
            var recover = new AnomalySegment(AnomalyPhase.Recover, RecoveryReadings);
            if (kind == AnomalyKind.Excursion)
            {
                return [breach, recover];
            }

            // Each later breach alone would meet the condition: without the hysteresis band this would raise three times.
            var band = new AnomalySegment(AnomalyPhase.Band, margin);
            var again = new AnomalySegment(AnomalyPhase.Breach, required);
            return [breach, band, again, band, again, recover];
        }

        private PlannedAnomaly? Place(AnomalyKind kind, DeviceProfile device, AlertRule? rule, TimeSpan? silenceAfter, List<AnomalySegment> segments)
        {
            var length = segments.Sum(s => (long)s.Readings);
            var readings = slots > device.Index ? ((slots - device.Index - 1) / _fleetSize) + 1 : 0;
            var room = readings - Lead - length - Tail;
            if (room < 0)
            {
                NoRoom(kind, device.DeviceType, rule, silenceAfter, Lead + length + Tail);
                return null;
            }

            var first = Lead + random.NextInt64(room + 1);
            var expected = Expected(device, rule, silenceAfter, first, segments);
            return new PlannedAnomaly(kind, device, rule, silenceAfter, first, segments, Offset(device, first), expected[^1].At, expected);
        }

        private List<PlannedTransition> Expected(DeviceProfile device, AlertRule? rule, TimeSpan? silenceAfter, long first, List<AnomalySegment> segments)
        {
            var length = segments.Sum(s => (long)s.Readings);
            if (rule is null)
            {
                return
                [
                    new PlannedTransition(AlertEventTypes.DeviceSilent, Offset(device, first - 1)),
                    new PlannedTransition(AlertEventTypes.DeviceResumed, Offset(device, first + length)),
                ];
            }

            // The evaluator's own condition decides which breaching reading raises.
            var since = DateTimeOffset.UnixEpoch + Offset(device, first);
            var raise = Enumerable.Range(0, segments[0].Readings)
                .First(k => rule.Condition.IsMet(since, DateTimeOffset.UnixEpoch + Offset(device, first + k), k + 1));
            return
            [
                new PlannedTransition(AlertEventTypes.AlertRaised, Offset(device, first + raise)),
                new PlannedTransition(AlertEventTypes.AlertCleared, Offset(device, first + length - RecoveryReadings)),
            ];
        }

        private void NoRoom(AnomalyKind kind, string deviceType, AlertRule? rule, TimeSpan? silenceAfter, long readings)
        {
            var needed = Durations.Format(TimeSpan.FromSeconds(Math.Ceiling(readings / rate)));
            var span = Durations.Format(TimeSpan.FromSeconds(slots / (rate * _fleetSize)));
            var what = rule is null
                ? $"--silences: a silence of a {deviceType} (its {Durations.Format(silenceAfter!.Value)} threshold, the alerter's {Durations.Format(SilenceWatch.DefaultLastSeenLag)} last-seen lag and half the threshold again)"
                : $"--{(kind == AnomalyKind.Excursion ? "excursions" : "flapping")}: {(kind == AnomalyKind.Excursion ? "an excursion" : "flapping")} of rule '{rule.Id}' ({Condition(rule)}, plus a margin and the recovery)";
            var problem = $"{what} needs {needed} of device time at this rate; the run lasts {span}: give --duration {needed} or more.";
            if (!_problems.Contains(problem))
            {
                _problems.Add(problem);
            }
        }

        private TimeSpan Offset(DeviceProfile device, long deviceReading) =>
            ReadingGenerator.SlotOffset((deviceReading * _fleetSize) + device.Index, rate * _fleetSize);

        private static string Condition(AlertRule rule) => rule.Condition.HoldFor is { } hold
            ? $"for {Durations.Format(hold)}"
            : string.Create(CultureInfo.InvariantCulture, $"{rule.Condition.Consecutive} readings in a row");

        private static bool Watches(AlertRule rule, DeviceProfile device) =>
            rule.DeviceType == device.DeviceType
            && DeviceKinds.Metrics(device.Kind).Contains(rule.Metric)
            && (rule.DeviceIds is null || rule.DeviceIds.Contains(device.DeviceId))
            && (rule.Site is null || rule.Site == device.Site);

        private static string Metrics() =>
            string.Join("; ", DeviceKinds.All.Select(k => $"{DeviceKinds.Name(k)}: {string.Join(", ", DeviceKinds.Metrics(k))}"));
    }
}
