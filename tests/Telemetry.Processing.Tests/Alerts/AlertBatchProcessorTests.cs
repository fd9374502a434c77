using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tests.Fakes;
using static Telemetry.Processing.Tests.TestReadings;

namespace Telemetry.Processing.Tests.Alerts;

public sealed class AlertBatchProcessorTests
{
    private static readonly DateTimeOffset Now = At0400.AddMinutes(30);

    private static readonly AlertRuleSet Rules = new(
        [
            new AlertRule("hot", "temperature", "thermostat", AlertDirection.Above, 80, 75, AlertCondition.ConsecutiveReadings(2), AlertSeverity.Critical),
            new AlertRule("humid", "humidity", "thermostat", AlertDirection.Above, 90, 85, AlertCondition.Immediately, AlertSeverity.Info),
        ],
        new Dictionary<string, TimeSpan>());

    private readonly InMemoryAlertStateStore states = new();
    private readonly RecordingAlertPublisher publisher = new();
    private readonly InMemoryEpisodeLog episodes = new();
    private readonly InMemorySeenStore seen = new();
    private readonly InMemoryRejectedStore rejected = new();

    private AlertBatchProcessor NewProcessor() => new(Rules, states, episodes, publisher, seen, rejected, new FakeTimeProvider(Now), TimeSpan.FromSeconds(15));

    private static StreamRecord Record(long position, string deviceId, long sequence, double temperature) =>
        StreamRecord.FromBytes(
            "shardId-000000000000",
            $"4959{position:D20}",
            deviceId,
            ReadingCodec.Encode(Reading(At0400.AddSeconds(sequence), deviceId, sequence, ("temperature", temperature))),
            Now);

    // A device's temperatures as records in stream order, from position `from`.
    private static StreamRecord[] Temperatures(string deviceId, params double[] values) =>
        [.. values.Select((t, i) => Record(i + 1, deviceId, i + 1, t))];

    private string Published() => string.Join(",", publisher.Published.Select(e => $"{e.DetailType}:{e.DeviceId}:{e.RuleId}"));

    [Fact]
    public async Task ProcessAsync_BreachHeldThenCleared_PublishesRaisedThenClearedOnce()
    {
        var outcome = await NewProcessor().ProcessAsync(Temperatures("dev-1", 70, 81, 82, 79, 74), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("AlertRaised:dev-1:hot,AlertCleared:dev-1:hot", Published());
        var raised = publisher.Published[0];
        Assert.Equal((82.0, 80.0, 75.0, "critical", "above"), (raised.Value!.Value, raised.Threshold!.Value, raised.ClearLevel!.Value, raised.Severity, raised.Direction));
        Assert.Equal(At0400.AddSeconds(2), raised.StartedAt);
        Assert.Equal(raised.EpisodeId, publisher.Published[1].EpisodeId);
        Assert.Equal(At0400.AddSeconds(5), publisher.Published[1].EndedAt);
        Assert.Empty(states.Get("dev-1", "hot")!.Outbox);
        var (opened, closed) = Assert.Single(episodes.Episodes).Value;
        Assert.Equal((AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared), (opened.DetailType, closed!.DetailType));
    }

    [Fact]
    public async Task ProcessAsync_ReadingsInOneAggregatedRecord_AlertAsIfPutOneByOne()
    {
        var builder = new Telemetry.Contracts.Kpl.KplAggregateBuilder();
        foreach (var record in Temperatures("dev-1", 70, 81, 82, 79, 74))
        {
            Assert.True(builder.TryAdd(new(record.PartitionKey, Convert.FromBase64String(record.Data))));
        }

        var aggregated = StreamRecord.FromBytes("shardId-000000000000", $"4959{1:D20}", "dev-1", builder.Build(), Now);

        var outcome = await NewProcessor().ProcessAsync([aggregated], CancellationToken.None);

        Assert.Equal((5, 5, true), (outcome.Records, outcome.Accepted, outcome.Succeeded));
        Assert.Equal("AlertRaised:dev-1:hot,AlertCleared:dev-1:hot", Published());
    }

    [Fact]
    public async Task ProcessAsync_ManyDevicesAtOnce_EachDevicesTransitionsOnceAndInItsOrder()
    {
        // Each device's readings interleaved with the others' in the stream, as a shard carries them.
        var devices = Enumerable.Range(1, 40).Select(d => $"dev-{d:D2}").ToList();
        var records = Enumerable.Range(0, 5)
            .SelectMany(i => devices.Select((device, d) => Record((i * devices.Count) + d + 1, device, i + 1, new double[] { 70, 81, 82, 79, 74 }[i])))
            .ToList();
        var processor = new AlertBatchProcessor(Rules, states, episodes, publisher, seen, rejected, new FakeTimeProvider(Now), TimeSpan.FromSeconds(15)) { DeviceConcurrency = 8 };

        var outcome = await processor.ProcessAsync(records, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.All(devices, device => Assert.Equal(
            [AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared],
            publisher.Published.Where(e => e.DeviceId == device).Select(e => e.DetailType)));
        Assert.All(devices, device => Assert.Empty(states.Get(device, "hot")!.Outbox));
        Assert.Equal(devices.Count, episodes.Episodes.Count);
    }

    [Fact]
    public async Task ProcessAsync_HistoryCannotBeWritten_PublishesNothingAndReportsTheDeviceFailed()
    {
        episodes.Failing = true;

        var outcome = await NewProcessor().ProcessAsync(Temperatures("dev-1", 81, 82), CancellationToken.None);

        Assert.Equal(2, outcome.Failed.Count);
        Assert.Empty(publisher.Published);
        Assert.Single(states.Get("dev-1", "hot")!.Outbox);
    }

    [Fact]
    public async Task ProcessAsync_SameBatchTwiceAndSplitInHalves_PublishesEachTransitionOnce()
    {
        var records = Temperatures("dev-1", 81, 82, 70, 81, 81);

        await NewProcessor().ProcessAsync(records, CancellationToken.None);
        await NewProcessor().ProcessAsync(records, CancellationToken.None);
        await NewProcessor().ProcessAsync(records[..2], CancellationToken.None);
        await NewProcessor().ProcessAsync(records[2..], CancellationToken.None);

        Assert.Equal("AlertRaised:dev-1:hot,AlertCleared:dev-1:hot,AlertRaised:dev-1:hot", Published());
    }

    [Fact]
    public async Task ProcessAsync_ReadingsShuffledInTheBatch_AppliedInTheDevicesOrder()
    {
        var records = Temperatures("dev-1", 81, 82, 70);

        await NewProcessor().ProcessAsync([records[2], records[0], records[1]], CancellationToken.None);

        Assert.Equal("AlertRaised:dev-1:hot,AlertCleared:dev-1:hot", Published());
    }

    [Fact]
    public async Task ProcessAsync_PublishFails_ReportsTheDeviceFailedAndTheRedeliveryPublishesTheSameEvents()
    {
        var records = Temperatures("dev-1", 81, 82);
        publisher.FailNext = 1;

        var failed = await NewProcessor().ProcessAsync(records, CancellationToken.None);
        var stuck = states.Get("dev-1", "hot")!;
        var retried = await NewProcessor().ProcessAsync(records, CancellationToken.None);

        Assert.Equal(records.Select(r => r.SequenceNumber), failed.Failed.Select(r => r.SequenceNumber));
        Assert.Equal(AlertEventTypes.AlertRaised, Assert.Single(stuck.Outbox).DetailType);
        Assert.True(retried.Succeeded);
        Assert.Equal(stuck.Outbox, publisher.Published);
        Assert.Empty(states.Get("dev-1", "hot")!.Outbox);
    }

    [Fact]
    public async Task ProcessAsync_OutboxLeftByACrash_PublishedWhenTheDeviceIsNextSeenEvenWithoutItsRule()
    {
        var left = new AlertEvent(AlertEventTypes.AlertCleared, "e1", "dev-1", "thermostat", "plant-a", At0400) { RuleId = "retired", EndedAt = At0400 };
        await states.SaveAsync("dev-1", "retired", new StoredAlertState(AlertState.Initial, 1, [left]), 0, CancellationToken.None);

        var outcome = await NewProcessor().ProcessAsync(Temperatures("dev-1", 70), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal([left], publisher.Published);
        Assert.Empty(states.Get("dev-1", "retired")!.Outbox);
    }

    [Fact]
    public async Task ProcessAsync_ConcurrentWriterWinsFirst_RetriesFromWhatItStoredAndRaisesOnce()
    {
        var records = Temperatures("dev-1", 81, 82);
        var competing = true;
        states.BeforeSave = (device, rule) =>
        {
            // Another invocation (the other shard after a reshard) applies the same readings first.
            if (competing && rule == "hot")
            {
                competing = false;
                NewProcessor().ProcessAsync(records, CancellationToken.None).GetAwaiter().GetResult();
            }
        };

        var outcome = await NewProcessor().ProcessAsync(records, CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("AlertRaised:dev-1:hot", Published());
    }

    [Fact]
    public async Task ProcessAsync_NothingChanges_WritesNothing()
    {
        await NewProcessor().ProcessAsync(Temperatures("dev-1", 70, 71, 72), CancellationToken.None);

        Assert.Equal(0, states.Saves);
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_PoisonBesideReadings_StoredAsRejectAndTheRestProcessed()
    {
        var poison = StreamRecord.FromBytes("shardId-000000000000", $"4959{99:D20}", "x", Encoding.UTF8.GetBytes("{oops"), Now);

        var outcome = await NewProcessor().ProcessAsync([.. Temperatures("dev-1", 81, 82), poison], CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("MalformedJson", Assert.Single(rejected.Rejects).Reason);
        Assert.Equal("AlertRaised:dev-1:hot", Published());
    }

    [Fact]
    public async Task ProcessAsync_OneDeviceFails_OnlyItsRecordsAreReportedFailed()
    {
        var other = Temperatures("dev-2", 70).Select(r => r with { SequenceNumber = $"4959{50:D20}" }).ToArray();
        publisher.FailNext = 1;

        var outcome = await NewProcessor().ProcessAsync([.. Temperatures("dev-1", 81, 82), .. other], CancellationToken.None);

        Assert.Equal(2, outcome.Failed.Count);
        Assert.All(outcome.Failed, r => Assert.Equal("dev-1", r.PartitionKey));
    }

    [Fact]
    public async Task ProcessAsync_DeviceHeardTwiceWithinTheLag_RecordsItsLastSeenOnce()
    {
        var processor = NewProcessor();
        var first = Temperatures("dev-1", 70);
        var soon = first.Select(r => r with { SequenceNumber = $"4959{2:D20}", ApproximateArrivalTime = Now.AddSeconds(5) }).ToArray();
        var later = first.Select(r => r with { SequenceNumber = $"4959{3:D20}", ApproximateArrivalTime = Now.AddSeconds(20) }).ToArray();

        await processor.ProcessAsync(first, CancellationToken.None);
        await processor.ProcessAsync(soon, CancellationToken.None);
        await processor.ProcessAsync(later, CancellationToken.None);

        Assert.Equal(2, seen.Writes);
        Assert.Equal(Now.AddSeconds(20), seen.Get("dev-1")!.Device.LastArrival);
    }

    [Fact]
    public async Task ProcessAsync_Readings_RecordTheNewestMeasurementForTheFleetView()
    {
        await NewProcessor().ProcessAsync(Temperatures("dev-1", 70, 71, 72.5), CancellationToken.None);

        Assert.Equal(new Dictionary<string, double> { ["temperature"] = 72.5 }, seen.Get("dev-1")!.Device.Latest);
    }

    [Fact]
    public async Task ProcessAsync_LastSeenCannotBeRecorded_ReportsTheDeviceFailed()
    {
        seen.Failing = true;

        var outcome = await NewProcessor().ProcessAsync(Temperatures("dev-1", 70, 71), CancellationToken.None);

        Assert.Equal(2, outcome.Failed.Count);
    }
}
