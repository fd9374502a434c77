using System.Net;
using Telemetry.Aws.Kinesis;
using Telemetry.Producer.Sending;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Sending;

public class PutRecordsSenderTests
{
    private static readonly SenderOptions NoWait = new() { BaseDelay = TimeSpan.Zero, MaxRetries = 3 };

    [Fact]
    public async Task SendAsync_PartialFailure_ResendsOnlyFailedEntriesUntilAllAcknowledged()
    {
        var client = new FakeKinesisClient();
        // Odd devices fail on the first two calls, as a hot shard would.
        client.FailEntry = (entry, call) => call <= 2 && int.Parse(entry.PartitionKey.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1
            ? "ProvisionedThroughputExceededException"
            : null;
        var sender = new PutRecordsSender(client, "telemetry", NoWait);
        var records = Records(10);

        await sender.SendAsync(records, CancellationToken.None);

        Assert.Equal(3, client.Calls.Count);
        Assert.Equal(10, client.Calls[0].Count);
        Assert.Equal(["device-1", "device-3", "device-5", "device-7", "device-9"], client.Calls[1].Select(e => e.PartitionKey));
        Assert.Equal(client.Calls[1].Select(e => e.PartitionKey), client.Calls[2].Select(e => e.PartitionKey));
        Assert.Equal(10, client.Accepted.Count);
        Assert.Equal((10L, 0L, 10L), (sender.Sent, sender.Failed, sender.Retries));
    }

    [Fact]
    public async Task SendAsync_EntryFailsEveryTime_CountedFailedAfterRetryBudget()
    {
        var client = new FakeKinesisClient { FailEntry = (entry, _) => entry.PartitionKey == "device-4" ? "InternalFailure" : null };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(6), CancellationToken.None);

        Assert.Equal(1 + NoWait.MaxRetries, client.Calls.Count);
        Assert.Equal((5L, 1L, 3L), (sender.Sent, sender.Failed, sender.Retries));
        Assert.Contains("InternalFailure", sender.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TransientCallError_RetriedWholeCall()
    {
        var client = new FakeKinesisClient
        {
            FailCall = call => call == 1 ? new KinesisProvisionedThroughputExceededException("ProvisionedThroughputExceededException", "slow down", HttpStatusCode.BadRequest, null) : null,
        };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(4), CancellationToken.None);

        Assert.Equal(2, client.Calls.Count);
        Assert.Equal((4L, 0L, 4L), (sender.Sent, sender.Failed, sender.Retries));
    }

    [Fact]
    public async Task SendAsync_NonTransientCallError_PropagatesWithAllRecordsCountedFailed()
    {
        var client = new FakeKinesisClient
        {
            FailCall = _ => new KinesisResourceNotFoundException("ResourceNotFoundException", "no such stream", HttpStatusCode.BadRequest, null),
        };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await Assert.ThrowsAsync<KinesisResourceNotFoundException>(() => sender.SendAsync(Records(1200), CancellationToken.None));

        Assert.Single(client.Calls);
        Assert.Equal((0L, 1200L), (sender.Sent, sender.Failed));
    }

    [Fact]
    public async Task SendAsync_OversizedRecord_CountedFailedAndNeverSent()
    {
        var client = new FakeKinesisClient();
        var sender = new PutRecordsSender(client, "telemetry", NoWait);
        var oversized = new OutgoingRecord("device-big", new byte[1024 * 1024]);

        await sender.SendAsync([.. Records(3), oversized], CancellationToken.None);

        Assert.DoesNotContain(client.Accepted, e => e.PartitionKey == "device-big");
        Assert.Equal((3L, 1L), (sender.Sent, sender.Failed));
    }

    [Fact]
    public async Task SendAsync_FailedEntries_WaitBackoffOnTheTimeProviderBeforeResending()
    {
        var time = new WatchedFakeTime(DateTimeOffset.UnixEpoch);
        var client = new FakeKinesisClient { FailEntry = (_, call) => call == 1 ? "ProvisionedThroughputExceededException" : null };
        var options = new SenderOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1) };
        var sender = new PutRecordsSender(client, "telemetry", options, time, new Random(3));

        var sending = sender.SendAsync(Records(2), CancellationToken.None);
        await Poll.UntilAsync(() => time.WaitsStarted == 1, "the backoff");

        Assert.False(sending.IsCompleted);
        Assert.Single(client.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, client.Calls.Count);
        Assert.Equal(2L, sender.Sent);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringBackoff_PendingCountedFailedWithoutThrowing()
    {
        var time = new WatchedFakeTime(DateTimeOffset.UnixEpoch);
        var client = new FakeKinesisClient { FailEntry = (_, _) => "ProvisionedThroughputExceededException" };
        var sender = new PutRecordsSender(client, "telemetry", new SenderOptions { BaseDelay = TimeSpan.FromSeconds(10) }, time, new Random(3));
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync(Records(5), cancel.Token);
        await Poll.UntilAsync(() => time.WaitsStarted == 1, "the backoff");
        await cancel.CancelAsync();
        await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0L, 5L), (sender.Sent, sender.Failed));
    }

    [Fact]
    public async Task SendAsync_Acknowledgements_HighestSequenceNumberPerShard()
    {
        var client = new FakeKinesisClient(shardCount: 2);
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(20), CancellationToken.None);
        await sender.SendAsync(Records(20), CancellationToken.None);

        // The fake numbers acknowledgements 4960…000, 4960…001, … in order of acceptance.
        var expected = client.Accepted
            .Select((entry, i) => (Shard: client.ShardOf(entry.PartitionKey), Sequence: $"496{i:D47}"))
            .GroupBy(e => e.Shard)
            .ToDictionary(g => g.Key, g => g.Last().Sequence);
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, sender.HighestSequenceNumberByShard);
    }

    [Fact]
    public async Task SendAsync_SequenceNumbersOutOfOrderWithinACall_HighestNumericallyPerShard()
    {
        // Within one response a shard's numbers may come in any order, and "9" sorts after "10" as text.
        string[] numbers = ["9", "100", "10", "99", "1000", "998", "7", "12"];
        var client = new FakeKinesisClient(shardCount: 2)
        {
            SequenceNumberOf = entry => numbers[int.Parse(entry.PartitionKey.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)],
        };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(numbers.Length), CancellationToken.None);

        var expected = client.Accepted
            .Select((entry, i) => (Shard: client.ShardOf(entry.PartitionKey), Sequence: numbers[i]))
            .GroupBy(e => e.Shard)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => System.Numerics.BigInteger.Parse(e.Sequence, System.Globalization.CultureInfo.InvariantCulture)).Sequence);
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, sender.HighestSequenceNumberByShard);
    }

    [Fact]
    public async Task SendAsync_LowerSequenceNumberInALaterCall_HighestKept()
    {
        var next = "100";
        var client = new FakeKinesisClient(shardCount: 1) { SequenceNumberOf = _ => next };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(1), CancellationToken.None);
        next = "99";
        await sender.SendAsync(Records(1), CancellationToken.None);

        Assert.Equal("100", Assert.Single(sender.HighestSequenceNumberByShard).Value);
    }

    [Fact]
    public async Task SendAsync_UnreadableSequenceNumber_CountedAsSentButNotTracked()
    {
        var client = new FakeKinesisClient(shardCount: 1) { SequenceNumberOf = _ => "not-a-number" };
        var sender = new PutRecordsSender(client, "telemetry", NoWait);

        await sender.SendAsync(Records(3), CancellationToken.None);

        Assert.Equal((3L, 0L), (sender.Sent, sender.Failed));
        Assert.Empty(sender.HighestSequenceNumberByShard);
    }

    [Fact]
    public async Task SendAsync_SeveralInFlight_CallsOverlapAndEachDeviceKeepsItsOrder()
    {
        var inFlight = 0;
        var most = 0;
        var client = new FakeKinesisClient
        {
            OnCall = async (call, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await Task.Delay(call % 3 == 0 ? 30 : 5);
                Interlocked.Decrement(ref inFlight);
            },
        };
        var sender = new PutRecordsSender(client, "telemetry", NoWait with { MaxInFlight = 4 });
        // 40 devices × 60 readings, each reading's data its device and its number.
        var records = Enumerable.Range(0, 60).SelectMany(n => Enumerable.Range(0, 40).Select(d =>
            new OutgoingRecord($"device-{d}", System.Text.Encoding.UTF8.GetBytes($"{d}:{n}")))).ToList();

        await sender.SendAsync(records, CancellationToken.None);

        Assert.Equal((2400L, 0L), (sender.Sent, sender.Failed));
        Assert.InRange(most, 2, 4);
        Assert.All(client.Accepted.GroupBy(e => e.PartitionKey), device =>
            Assert.Equal(Enumerable.Range(0, 60), device.Select(e => int.Parse(System.Text.Encoding.UTF8.GetString(e.Data.Span).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void SenderOptions_NoCallInFlight_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SenderOptions { MaxInFlight = 0 });

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static List<OutgoingRecord> Records(int count) =>
        Enumerable.Range(0, count).Select(i => new OutgoingRecord($"device-{i}", new byte[] { (byte)'{', (byte)'}', (byte)'\n' })).ToList();
}
