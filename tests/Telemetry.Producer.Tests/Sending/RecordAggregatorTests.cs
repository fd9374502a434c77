using System.Text;
using Telemetry.Contracts.Kpl;
using Telemetry.Producer.Sending;
using Telemetry.Producer.Tests.Fakes;

namespace Telemetry.Producer.Tests.Sending;

public class RecordAggregatorTests
{
    private static readonly SenderOptions Aggregating = new() { BaseDelay = TimeSpan.Zero, MaxRetries = 2, Aggregate = true };

    // Three rounds of twenty devices, each device's readings numbered in order.
    private static List<OutgoingRecord> Rounds(int devices = 20, int rounds = 3, int padding = 40) =>
        [.. Enumerable.Range(1, rounds).SelectMany(round => Enumerable.Range(1, devices).Select(d =>
            new OutgoingRecord($"device-{d}", Encoding.UTF8.GetBytes($"{{\"deviceId\":\"device-{d}\",\"seq\":{round},\"pad\":\"{new string('x', padding)}\"}}"))))];

    private static IEnumerable<KplUserRecord> UsersOf(OutgoingRecord record)
    {
        var users = new List<KplUserRecord>();
        return KplReader.Read(record.Data, users, out _) == KplFraming.Aggregated ? users : [new KplUserRecord(record.PartitionKey, record.Data)];
    }

    [Fact]
    public void Pack_ManyDevices_OneAggregatePerShardEachHoldingOnlyItsShardsKeysInOrder()
    {
        var client = new FakeKinesisClient(shardCount: 2);
        var records = Rounds();

        var packed = new RecordAggregator(client.Shards).Pack(records);

        Assert.Equal(2, packed.Count);
        Assert.All(packed, p => Assert.All(UsersOf(p), u => Assert.Equal(client.ShardOf(p.PartitionKey), client.ShardOf(u.PartitionKey))));
        Assert.Equal(records.Count, packed.Sum(p => p.Readings));
        Assert.Equal(records.Select(r => r.Data.ToArray()).OrderBy(Convert.ToHexString), packed.SelectMany(UsersOf).Select(u => u.Data.ToArray()).OrderBy(Convert.ToHexString));
        Assert.All(packed.SelectMany(UsersOf).GroupBy(u => u.PartitionKey), device =>
            Assert.Equal([1, 2, 3], device.Select(u => System.Text.Json.JsonDocument.Parse(u.Data).RootElement.GetProperty("seq").GetInt32())));
        Assert.All(packed, p => Assert.Equal(p.Members!.Select(m => m.Data.ToArray()), UsersOf(p).Select(u => u.Data.ToArray())));
    }

    [Fact]
    public void Pack_MoreThanOneRecordHolds_StartsAnotherWithinTheLimit()
    {
        var client = new FakeKinesisClient(shardCount: 1);

        var packed = new RecordAggregator(client.Shards, maxRecordBytes: 2048).Pack(Rounds(padding: 100));

        Assert.True(packed.Count > 3, $"{packed.Count} aggregated records");
        Assert.All(packed, p => Assert.True(p.Size <= 2048, $"{p.Size} bytes"));
        Assert.Equal(60, packed.Sum(p => p.Readings));
    }

    [Fact]
    public void Pack_LoneOrOversizedRecord_GoesOnItsOwnInItsShardsOrder()
    {
        var client = new FakeKinesisClient(shardCount: 1);
        var big = new OutgoingRecord("device-1", new byte[4096]);
        OutgoingRecord[] records = [Rounds(devices: 2, rounds: 1)[0], Rounds(devices: 2, rounds: 1)[1], big, Rounds(devices: 1, rounds: 1)[0]];

        var packed = new RecordAggregator(client.Shards, maxRecordBytes: 2048).Pack(records);

        Assert.Equal(3, packed.Count);
        Assert.Equal(2, packed[0].Readings);
        Assert.Same(big, packed[1]);
        Assert.Same(records[3], packed[2]);
    }

    [Fact]
    public void Pack_MoreCallsInFlightThanShards_EachShardsKeysSplitIntoLanesThatKeepTheirShard()
    {
        var client = new FakeKinesisClient(shardCount: 2);
        var aggregator = new RecordAggregator(client.Shards, inFlight: 4);

        var packed = aggregator.Pack(Rounds());

        Assert.Equal(4, packed.Select(p => aggregator.LaneOf(p.PartitionKey)).Distinct().Count());
        Assert.All(packed, p => Assert.All(p.Members!, m =>
            Assert.Equal((aggregator.LaneOf(p.PartitionKey), client.ShardOf(p.PartitionKey)), (aggregator.LaneOf(m.PartitionKey), client.ShardOf(m.PartitionKey)))));
    }

    [Fact]
    public void Constructor_OnlyClosedShards_Throws()
    {
        var closed = new FakeKinesisClient(shardCount: 1).Shards.Select(s => s with { EndingSequenceNumber = "9" }).ToList();

        Assert.Throws<ArgumentException>(() => new RecordAggregator(closed));
    }

    [Fact]
    public async Task SendAsync_Aggregating_CountsAndReportsEachReadingAtItsAggregatesSequenceNumber()
    {
        var client = new FakeKinesisClient(shardCount: 2);
        var outcomes = new RecordingOutcomes();
        var sender = new PutRecordsSender(client, "telemetry", Aggregating, outcomes: outcomes);
        var records = Rounds();

        await sender.SendAsync(records, CancellationToken.None);

        Assert.Equal(2, Assert.Single(client.Calls).Count);
        Assert.Equal((60L, 0L, 0L), (sender.Sent, sender.Failed, sender.Retries));
        Assert.Equal(records.Count, outcomes.Acknowledged.Count);
        Assert.Equal(2, outcomes.Acknowledged.Select(a => a.SequenceNumber).Distinct().Count());
        Assert.All(outcomes.Acknowledged, a => Assert.Equal(client.ShardOf(a.Record.PartitionKey), a.ShardId));
        // Each reading at its place in its aggregated record.
        Assert.All(outcomes.Acknowledged.GroupBy(a => a.SequenceNumber), g => Assert.Equal(Enumerable.Range(0, g.Count()), g.Select(a => a.SubSequence ?? -1)));
    }

    [Fact]
    public async Task SendAsync_AggregateFailsEveryTime_EachOfItsReadingsGivenUp()
    {
        var client = new FakeKinesisClient(shardCount: 2);
        var lost = client.Shards[0].ShardId;
        client.FailEntry = (entry, _) => client.ShardOf(entry.PartitionKey) == lost ? "InternalFailure" : null;
        var outcomes = new RecordingOutcomes();
        var sender = new PutRecordsSender(client, "telemetry", Aggregating, outcomes: outcomes);
        var records = Rounds();
        var onLost = records.Count(r => client.ShardOf(r.PartitionKey) == lost);

        await sender.SendAsync(records, CancellationToken.None);

        Assert.Equal((60L - onLost, (long)onLost, 2L * onLost), (sender.Sent, sender.Failed, sender.Retries));
        Assert.Equal(onLost, outcomes.GivenUp.Count);
        Assert.All(outcomes.GivenUp, r => Assert.Equal(lost, client.ShardOf(r.PartitionKey)));
    }

    private sealed class RecordingOutcomes : IRecordOutcomes
    {
        public List<(OutgoingRecord Record, string? ShardId, string? SequenceNumber, int? SubSequence)> Acknowledged { get; } = [];

        public List<OutgoingRecord> GivenUp { get; } = [];

        void IRecordOutcomes.Acknowledged(OutgoingRecord record, string? shardId, string? sequenceNumber, int? subSequence) => Acknowledged.Add((record, shardId, sequenceNumber, subSequence));

        void IRecordOutcomes.GivenUp(OutgoingRecord record) => GivenUp.Add(record);
    }
}
