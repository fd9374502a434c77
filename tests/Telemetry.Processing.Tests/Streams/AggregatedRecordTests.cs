using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Contracts.Kpl;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tests.Fakes;
using static Telemetry.Processing.Tests.TestReadings;

namespace Telemetry.Processing.Tests.Streams;

public sealed class AggregatedRecordTests
{
    private static readonly DateTimeOffset Now = At0400.AddMinutes(30);
    private readonly InMemoryRollupStore rollups = new();
    private readonly InMemoryRejectedStore rejected = new();

    private StreamBatchProcessor NewProcessor() => new(rollups, rejected, AggregationOptions.Default, new FakeTimeProvider(Now));

    private static StreamRecord Aggregated(long sequence, params KplUserRecord[] users)
    {
        var builder = new KplAggregateBuilder();
        Assert.All(users, u => Assert.True(builder.TryAdd(u)));
        return StreamRecord.FromBytes("shardId-0", $"4959{sequence:D20}", builder.PartitionKey!, builder.Build(), Now);
    }

    private static KplUserRecord User(Reading reading) => new(reading.DeviceId, ReadingCodec.Encode(reading));

    private long Count(Resolution resolution) => rollups.Windows.Where(w => w.Key.Resolution == resolution).Sum(w => w.Value.ReadingCount);

    [Fact]
    public async Task ProcessAsync_AggregatedRecord_CountsEachUserRecordAndRejectsItsPoisonAlone()
    {
        var record = Aggregated(
            1,
            User(Reading(At0400.AddSeconds(1), sequence: 1)),
            new KplUserRecord("poison", Encoding.UTF8.GetBytes("{oops")),
            User(Reading(At0400.AddSeconds(2), sequence: 2)),
            User(Reading(At0400.AddSeconds(3), sequence: 3, deviceId: "dev-2")));

        var outcome = await NewProcessor().ProcessAsync([record], CancellationToken.None);

        Assert.Equal((4, 3, 1, true), (outcome.Records, outcome.Accepted, outcome.Rejected, outcome.Succeeded));
        Assert.Equal(3, Count(Resolution.Minute));
        var reject = Assert.Single(rejected.Rejects);
        Assert.Equal(("MalformedJson", "poison", 1, record.SequenceNumber), (reject.Reason, reject.PartitionKey, reject.SubSequence, reject.SequenceNumber));
        Assert.Equal(Convert.ToBase64String("{oops"u8), reject.Data);
    }

    [Fact]
    public async Task ProcessAsync_SameAggregatedRecordAgainOrItsReadingsPutAlone_ChangesNothing()
    {
        var readings = new[] { Reading(At0400.AddSeconds(1), sequence: 1), Reading(At0400.AddSeconds(2), sequence: 2) };
        await NewProcessor().ProcessAsync([Aggregated(1, [.. readings.Select(User)])], CancellationToken.None);
        var writes = rollups.Writes;

        await NewProcessor().ProcessAsync([Aggregated(1, [.. readings.Select(User)])], CancellationToken.None);
        await NewProcessor().ProcessAsync(
            [.. readings.Select((r, i) => StreamRecord.FromBytes("shardId-0", $"4959{10 + i:D20}", r.DeviceId, ReadingCodec.Encode(r), Now))],
            CancellationToken.None);

        Assert.Equal((writes, 2L, 2L), (rollups.Writes, Count(Resolution.Minute), Count(Resolution.Hour)));
    }

    [Fact]
    public async Task ProcessAsync_CorruptAggregatedRecord_RejectsTheWholeRecordAndKeepsTheRest()
    {
        // A checksummed message whose only record has no data.
        byte[] message = [0x0A, 0x01, 0x6B, 0x1A, 0x02, 0x08, 0x00];
        byte[] data = [.. KplFormat.Magic, .. message, .. System.Security.Cryptography.MD5.HashData(message)];
        var corrupt = StreamRecord.FromBytes("shardId-0", $"4959{1:D20}", "k", data, Now);
        var fine = StreamRecord.FromBytes("shardId-0", $"4959{2:D20}", "dev-1", ReadingCodec.Encode(Reading(At0400.AddSeconds(1), sequence: 1)), Now);

        var outcome = await NewProcessor().ProcessAsync([corrupt, fine], CancellationToken.None);

        Assert.Equal((2, 1, 1, true), (outcome.Records, outcome.Accepted, outcome.Rejected, outcome.Succeeded));
        var reject = Assert.Single(rejected.Rejects);
        Assert.Equal(("CorruptAggregate", null, corrupt.Data), (reject.Reason, reject.SubSequence, reject.Data));
    }

    [Fact]
    public async Task ProcessAsync_OneUserRecordPastAWindowLimit_OnlyItIsRefusedAndEachSiblingIsJudgedOnItsOwnWindows()
    {
        // One metric name per window: dev-1's second reading brings a second name, dev-2's reading has its own window.
        var limited = new InMemoryRollupStore(new WindowLimits(1, 1024));
        var processor = new StreamBatchProcessor(limited, rejected, AggregationOptions.Default, new FakeTimeProvider(Now));
        var record = Aggregated(
            1,
            User(Reading(At0400.AddSeconds(1), sequence: 1, metrics: ("temperature", 20))),
            User(Reading(At0400.AddSeconds(2), sequence: 2, metrics: ("humidity", 40))),
            User(Reading(At0400.AddSeconds(3), sequence: 1, deviceId: "dev-2", metrics: ("humidity", 41))),
            User(Reading(At0400.AddSeconds(4), sequence: 3, metrics: ("temperature", 21))));

        var outcome = await processor.ProcessAsync([record], CancellationToken.None);

        Assert.Equal((4, 3, 1, true), (outcome.Records, outcome.Accepted, outcome.Rejected, outcome.Succeeded));
        var reject = Assert.Single(rejected.Rejects);
        Assert.Equal((WindowLimits.MetricLimitReason, 1), (reject.Reason, reject.SubSequence));
        Assert.Equal(3, limited.Windows.Where(w => w.Key.Resolution == Resolution.Minute).Sum(w => w.Value.ReadingCount));
        Assert.Equal(3, limited.Windows.Where(w => w.Key.Resolution == Resolution.Hour).Sum(w => w.Value.ReadingCount));
    }

    [Fact]
    public async Task ProcessAsync_SiblingsOfDifferentDevices_EachJudgedOnlyAgainstItsOwnWindows()
    {
        // dev-2's windows already hold one metric name, the limit; dev-1's reading brings another to its own windows.
        var limited = new InMemoryRollupStore(new WindowLimits(1, 1024));
        var processor = new StreamBatchProcessor(limited, rejected, AggregationOptions.Default, new FakeTimeProvider(Now));
        await processor.ProcessAsync(
            [StreamRecord.FromBytes("shardId-0", $"4959{1:D20}", "dev-2", ReadingCodec.Encode(Reading(At0400.AddSeconds(1), "dev-2", 1, ("humidity", 40))), Now)],
            CancellationToken.None);
        var record = Aggregated(
            2,
            User(Reading(At0400.AddSeconds(2), "dev-1", 5, ("temperature", 20))),
            User(Reading(At0400.AddSeconds(3), "dev-2", 2, ("humidity", 41))));

        var outcome = await processor.ProcessAsync([record], CancellationToken.None);

        Assert.Equal((2, 2, 0, true), (outcome.Records, outcome.Accepted, outcome.Rejected, outcome.Succeeded));
        Assert.Empty(rejected.Rejects);
        Assert.Equal(3, limited.Windows.Where(w => w.Key.Resolution == Resolution.Hour).Sum(w => w.Value.ReadingCount));
    }

    [Fact]
    public async Task ProcessAsync_AggregatedRecordWithNoUserRecords_RejectedWhole()
    {
        var empty = StreamRecord.FromBytes("shardId-0", $"4959{1:D20}", "k", new KplAggregateBuilder().Build(), Now);

        var outcome = await NewProcessor().ProcessAsync([empty], CancellationToken.None);

        Assert.Equal((1, 0, 1), (outcome.Records, outcome.Accepted, outcome.Rejected));
        Assert.Equal("CorruptAggregate", Assert.Single(rejected.Rejects).Reason);
    }

    [Fact]
    public async Task ProcessAsync_FailedUserRecord_RestartsAtItsAggregatedRecord()
    {
        rollups.Fail(WindowKey.For("dev-2", Resolution.Minute, At0400), WindowKey.For("dev-2", Resolution.Hour, At0400));
        var record = Aggregated(7, User(Reading(At0400.AddSeconds(1), sequence: 1)), User(Reading(At0400.AddSeconds(2), sequence: 1, deviceId: "dev-2")));

        var outcome = await NewProcessor().ProcessAsync([record], CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(record.SequenceNumber, Assert.Single(outcome.RestartPoints()).SequenceNumber);
    }
}
