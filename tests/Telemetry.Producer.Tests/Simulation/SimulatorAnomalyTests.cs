using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Producer.Anomalies;
using Telemetry.Producer.Faults;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;
using Telemetry.Producer.Tests.Anomalies;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Simulation;

public class SimulatorAnomalyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly SimulatorOptions WithAnomalies = new()
    {
        Devices = 9,
        Duration = TimeSpan.FromMinutes(6),
        NoPace = true,
        StreamName = "telemetry",
        StartTime = Start,
        BaseBackoff = TimeSpan.Zero,
        Anomalies = new AnomalyOptions { Excursions = 2, Flapping = 1, Silences = 1, Rules = ShippedRules.Set },
    };

    [Fact]
    public async Task RunAsync_WithAnomaliesAndDuplicates_StreamRaisesAndClearsWhatTheLedgerExpects()
    {
        var client = new FakeKinesisClient();
        var ledger = new LedgerRecorder("telemetry", 42, Start, FaultOptions.DefaultAllowedLateness);
        var options = WithAnomalies with { Faults = new FaultOptions { Duplicates = 0.2 } };

        var result = await new Simulator().RunAsync(options, client, null, CancellationToken.None, ledger);

        var planned = ledger.Snapshot(Start, complete: true).Anomalies;
        Assert.Equal(4, planned.Count);
        Assert.Equal(result.Anomalies, planned);
        var readings = client.Accepted.Select(e => ReadingDecoder.Decode(e.Data.Span, Start.AddDays(1)).Reading!).ToList();
        foreach (var anomaly in planned)
        {
            Assert.Equal(anomaly.Expected.Select(e => (e.DetailType, e.At)), Events(anomaly, readings.Where(r => r.DeviceId == anomaly.DeviceId)));
        }

        Assert.Equal(options.TotalReadings - (long)SilentFor(TimeSpan.FromMinutes(1)).TotalSeconds, result.Generated);
        Assert.True(result.AllSent);
    }

    [Fact]
    public async Task RunAsync_OtherFaultsAdded_SameAnomalies()
    {
        var plain = await new Simulator().RunAsync(WithAnomalies, new FakeKinesisClient(), null, CancellationToken.None);
        var faulty = await new Simulator().RunAsync(
            WithAnomalies with { Faults = new FaultOptions { Duplicates = 0.3, Poison = 0.1, OutOfOrder = 0.05, Bursts = 0.5 } },
            new FakeKinesisClient(),
            null,
            CancellationToken.None);

        Assert.Equal(plain.Anomalies.Select(Describe), faulty.Anomalies.Select(Describe));
    }

    [Fact]
    public async Task RunAsync_PacedWithASilence_EverySlotButTheSilencedOnesSentInTime()
    {
        var time = new WatchedFakeTime(Start);
        var client = new FakeKinesisClient();
        var options = new SimulatorOptions
        {
            Devices = 3,
            RatePerDevice = 2,
            Duration = TimeSpan.FromSeconds(200),
            StreamName = "telemetry",
            Anomalies = new AnomalyOptions { Silences = 1, Rules = ShippedRules.Set },
        };

        var running = new Simulator(time).RunAsync(options, client, null, CancellationToken.None);
        while (!running.IsCompleted)
        {
            var waits = time.WaitsStarted;
            time.Advance(TimeSpan.FromSeconds(5));
            await Poll.UntilAsync(() => running.IsCompleted || time.WaitsStarted > waits, "the next wait");
        }

        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));
        var silence = Assert.Single(result.Anomalies);
        Assert.Equal(1200 - (long)(SilentFor(TimeSpan.FromMinutes(1)).TotalSeconds * 2), result.Generated);
        Assert.Equal(result.Generated, result.Sent);
        var device = SentReadings.Decode(client.Accepted).Where(r => r.DeviceId == silence.DeviceId).ToList();
        Assert.Equal(Enumerable.Range(1, device.Count).Select(i => (long)i), device.Select(r => r.Sequence));
        var gap = device.Zip(device.Skip(1)).Single(p => p.Second.Timestamp - p.First.Timestamp > TimeSpan.FromSeconds(1));
        Assert.Equal((silence.Expected[0].At, silence.Expected[1].At), (gap.First.Timestamp, gap.Second.Timestamp));
    }

    // Slots a silence leaves empty, in time: its threshold, the alerter's last-seen lag, and half the threshold again.
    private static TimeSpan SilentFor(TimeSpan threshold) => threshold + SilenceWatch.DefaultLastSeenLag + (threshold / 2);

    private static IEnumerable<(string, DateTimeOffset)> Events(LedgerAnomaly anomaly, IEnumerable<Reading> readings)
    {
        var list = readings.ToList();
        if (anomaly.RuleId is not { } ruleId)
        {
            // Duplicates arrive later than their originals; the watchdog sees the device's readings, each once.
            var once = list.DistinctBy(r => r.Id).ToList();
            var gap = once.Zip(once.Skip(1)).Single(p => p.Second.Timestamp - p.First.Timestamp > anomaly.SilenceAfter);
            return [(AlertEventTypes.DeviceSilent, gap.First.Timestamp), (AlertEventTypes.DeviceResumed, gap.Second.Timestamp)];
        }

        return ShippedRules.Transitions(ShippedRules.Rule(ruleId), list)
            .Select(t => (t.Kind == AlertTransitionKind.Raised ? AlertEventTypes.AlertRaised : AlertEventTypes.AlertCleared, t.At));
    }

    private static string Describe(LedgerAnomaly a) =>
        $"{a.Kind} {a.DeviceId} {a.RuleId} {a.StartsAt:O} {a.EndsAt:O} {string.Join(",", a.Expected)}";
}
