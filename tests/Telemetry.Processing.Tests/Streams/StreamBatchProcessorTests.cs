using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tests.Fakes;
using static Telemetry.Processing.Tests.TestReadings;

namespace Telemetry.Processing.Tests.Streams;

public sealed class StreamBatchProcessorTests
{
    private static readonly DateTimeOffset Now = At0400.AddMinutes(30);
    private readonly InMemoryRollupStore rollups = new();
    private readonly InMemoryRejectedStore rejected = new();

    private StreamBatchProcessor NewProcessor() => new(rollups, rejected, AggregationOptions.Default, new FakeTimeProvider(Now));

    private static StreamRecord Record(string shard, long sequence, Reading reading) =>
        StreamRecord.FromBytes(shard, $"4959{sequence:D20}", reading.DeviceId, ReadingCodec.Encode(reading), Now);

    private static StreamRecord Poison(string shard, long sequence) =>
        StreamRecord.FromBytes(shard, $"4959{sequence:D20}", "poison", Encoding.UTF8.GetBytes("{oops"), Now);

    private long Count(Resolution resolution) => rollups.Windows.Where(w => w.Key.Resolution == resolution).Sum(w => w.Value.ReadingCount);

    [Fact]
    public async Task ProcessAsync_ReadingsPoisonAndTooLate_CountsEachAndStoresTheRejects()
    {
        var records = new[]
        {
            Record("shardId-0", 1, Reading(At0400.AddSeconds(1), sequence: 1)),
            Poison("shardId-0", 2),
            Record("shardId-0", 3, Reading(At0400.AddDays(-3), sequence: 2)),
            new StreamRecord("shardId-0", "4959" + 4L.ToString("D20", System.Globalization.CultureInfo.InvariantCulture), "dev-1", "not base64!", Now),
        };

        var outcome = await NewProcessor().ProcessAsync(records, CancellationToken.None);

        Assert.Equal((4, 1, 3, true), (outcome.Records, outcome.Accepted, outcome.Rejected, outcome.Succeeded));
        Assert.Equal(["MalformedJson", "TooLate", "InvalidBase64"], rejected.Rejects.Select(r => r.Reason));
        Assert.Equal(1, Count(Resolution.Minute));
    }

    [Fact]
    public async Task ProcessAsync_SameRecordsAgain_ChangesNothing()
    {
        var records = new[] { Record("shardId-0", 1, Reading(At0400.AddSeconds(1), sequence: 1)), Poison("shardId-0", 2) };
        await NewProcessor().ProcessAsync(records, CancellationToken.None);
        var writes = rollups.Writes;

        var again = await NewProcessor().ProcessAsync(records, CancellationToken.None);

        Assert.True(again.Succeeded);
        Assert.Equal((writes, 1L, 1L), (rollups.Writes, Count(Resolution.Minute), Count(Resolution.Hour)));
        Assert.Single(rejected.Rejects);
    }

    [Fact]
    public async Task ProcessAsync_OneDevicesWindowsFail_ReportsItsRecordsAndTheLowestPerShard()
    {
        var healthy = Reading(At0400.AddSeconds(1), "dev-ok", 1);
        var broken = Reading(At0400.AddSeconds(2), "dev-broken", 1);
        var brokenLater = Reading(At0400.AddSeconds(3), "dev-broken", 2);
        rollups.Fail(WindowKey.For("dev-broken", Resolution.Minute, At0400), WindowKey.For("dev-broken", Resolution.Hour, At0400));
        var records = new[] { Record("shardId-1", 5, brokenLater), Record("shardId-0", 1, healthy), Record("shardId-1", 2, broken) };

        var outcome = await NewProcessor().ProcessAsync(records, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal([records[0], records[2]], outcome.Failed);
        Assert.Equal([records[2]], outcome.RestartPoints());
        Assert.Equal(1, Count(Resolution.Minute));
    }

    [Fact]
    public async Task ProcessAsync_SequenceNumberNotDigits_Throws()
    {
        var record = Record("shardId-0", 1, Reading(At0400)) with { SequenceNumber = "12a" };

        await Assert.ThrowsAsync<InvalidDataException>(() => NewProcessor().ProcessAsync([record], CancellationToken.None));
    }
}
