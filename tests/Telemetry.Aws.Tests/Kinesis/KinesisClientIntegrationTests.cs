using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Kinesis;

[Trait("Category", "Integration")]
public class KinesisClientIntegrationTests(KinesaliteFixture fixture) : IClassFixture<KinesaliteFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private KinesisClient Client => fixture.Client;

    [Fact]
    public async Task CreateStreamAsync_ThenDescribe_BecomesActiveWithRequestedShards()
    {
        // Arrange
        var name = "test-" + Guid.NewGuid().ToString("N")[..12];

        // Act
        await Client.CreateStreamAsync(name, 2);
        var summary = await fixture.WaitUntilActiveAsync(name);

        // Assert
        Assert.Equal(name, summary.StreamName);
        Assert.Equal(2, summary.OpenShardCount);
        Assert.EndsWith($":stream/{name}", summary.StreamArn, StringComparison.Ordinal);
        Assert.Equal(24, summary.RetentionPeriodHours);
    }

    [Fact]
    public async Task CreateStreamAsync_NameTaken_ThrowsResourceInUse()
    {
        // Arrange
        var name = await fixture.CreateActiveStreamAsync(1);

        // Act
        var error = await Assert.ThrowsAsync<KinesisResourceInUseException>(() => Client.CreateStreamAsync(name, 1));

        // Assert
        Assert.Equal("ResourceInUseException", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeStreamSummaryAsync_MissingStream_ThrowsResourceNotFound()
    {
        // Act
        var error = await Assert.ThrowsAsync<KinesisResourceNotFoundException>(() => Client.DescribeStreamSummaryAsync("no-such-stream"));

        // Assert
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("no-such-stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListShardsAsync_ThreeShardStream_ReturnsOpenShardsCoveringTheHashSpace()
    {
        // Arrange
        var name = await fixture.CreateActiveStreamAsync(3);

        // Act
        var shards = await Client.ListShardsAsync(name);

        // Assert
        Assert.Equal(3, shards.Count);
        Assert.All(shards, s => Assert.False(s.IsClosed));
        var ordered = shards.OrderBy(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal("0", ordered[0].StartingHashKey);
        Assert.Equal((BigInteger.One << 128) - 1, BigInteger.Parse(ordered[^1].EndingHashKey, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PutRecordsAsync_ThenGetRecordsFromTrimHorizon_ReturnsSameBytesAndPartitionKeys()
    {
        // Arrange
        var name = await fixture.CreateActiveStreamAsync(1);
        var random = new Random(42);
        var entries = Enumerable.Range(0, 50).Select(i =>
        {
            var data = new byte[random.Next(1, 600)];
            random.NextBytes(data);
            return new PutRecordsEntry(data, $"device-{i % 7}");
        }).ToArray();

        // Act
        var put = await Client.PutRecordsAsync(name, entries);
        var records = await ReadAllAsync(name, (await Client.ListShardsAsync(name))[0].ShardId, ShardIteratorPosition.TrimHorizon, entries.Length);

        // Assert
        Assert.Equal(0, put.FailedRecordCount);
        Assert.Equal(entries.Length, put.Entries.Count);
        Assert.Equal(put.Entries.Select(e => e.SequenceNumber), records.Select(r => r.SequenceNumber));
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i].Data.ToArray(), records[i].Data.ToArray());
            Assert.Equal(entries[i].PartitionKey, records[i].PartitionKey);
        }

        var now = TimeProvider.System.GetUtcNow();
        Assert.All(records, r => Assert.InRange(r.ApproximateArrivalTimestamp, now.AddMinutes(-1), now.AddSeconds(1)));
    }

    [Fact]
    public async Task GetShardIteratorAsync_AtVersusAfterSequenceNumber_StartsAtOrAfterThatRecord()
    {
        // Arrange
        var (name, shardId, sequenceNumbers) = await StreamWithRecordsAsync("a", "b", "c");

        // Act
        var at = await ReadAllAsync(name, shardId, ShardIteratorPosition.AtSequenceNumber(sequenceNumbers[1]), 2);
        var after = await ReadAllAsync(name, shardId, ShardIteratorPosition.AfterSequenceNumber(sequenceNumbers[1]), 1);

        // Assert
        Assert.Equal(["b", "c"], at.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal(["c"], after.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    [Fact]
    public async Task GetShardIteratorAsync_Latest_SeesOnlyRecordsPutAfterwards()
    {
        // Arrange
        var (name, shardId, _) = await StreamWithRecordsAsync("old");
        var iterator = await Client.GetShardIteratorAsync(name, shardId, ShardIteratorPosition.Latest);
        await Client.PutRecordsAsync(name, [Entry("new")]);

        // Act
        var records = await ReadFromIteratorAsync(iterator, 1);

        // Assert
        Assert.Equal(["new"], records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    [Fact]
    public async Task GetShardIteratorAsync_AtTimestampBetweenBatches_ReturnsOnlySecondBatch()
    {
        // Arrange
        var (name, shardId, _) = await StreamWithRecordsAsync("1a", "1b", "1c");
        var firstBatch = await ReadAllAsync(name, shardId, ShardIteratorPosition.TrimHorizon, 3);
        var firstBatchLast = firstBatch.Max(r => r.ApproximateArrivalTimestamp);

        // kinesalite stamps arrivals with its millisecond clock (the same machine clock): wait until it has moved on.
        await Poll.UntilAsync(
            () => Task.FromResult(TimeProvider.System.GetUtcNow()),
            now => now > firstBatchLast.AddMilliseconds(1),
            Deadline,
            "the clock to pass the first batch's arrival time");
        var second = await Client.PutRecordsAsync(name, [Entry("2a"), Entry("2b")]);
        var all = await ReadAllAsync(name, shardId, ShardIteratorPosition.TrimHorizon, 5);
        var secondBatchFirst = all.Where(r => r.SequenceNumber == second.Entries[0].SequenceNumber).Single().ApproximateArrivalTimestamp;
        Assert.True(secondBatchFirst > firstBatchLast, $"arrivals must differ: {firstBatchLast:O} vs {secondBatchFirst:O}");
        var between = firstBatchLast + ((secondBatchFirst - firstBatchLast) / 2);

        // Act
        var records = await ReadAllAsync(name, shardId, ShardIteratorPosition.AtTimestamp(between), 2);

        // Assert
        Assert.Equal(["2a", "2b"], records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
    }

    [Fact]
    public async Task SplitShardAsync_OneShard_ClosesParentAndOpensTwoChildren()
    {
        // Arrange
        var (name, parentId, _) = await StreamWithRecordsAsync("before-split");
        var parent = (await Client.ListShardsAsync(name)).Single();
        var middle = (BigInteger.Parse(parent.StartingHashKey, CultureInfo.InvariantCulture) + BigInteger.Parse(parent.EndingHashKey, CultureInfo.InvariantCulture) + 1) / 2;

        // Act
        await Client.SplitShardAsync(name, parentId, middle.ToString(CultureInfo.InvariantCulture));
        var summary = await fixture.WaitUntilActiveAsync(name);
        var shards = await Client.ListShardsAsync(name);

        // Assert
        Assert.Equal(2, summary.OpenShardCount);
        Assert.Equal(3, shards.Count);
        var closedParent = Assert.Single(shards, s => s.ShardId == parentId);
        Assert.True(closedParent.IsClosed);
        var children = shards.Where(s => s.ShardId != parentId).OrderBy(s => BigInteger.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)).ToArray();
        Assert.All(children, c => Assert.Equal(parentId, c.ParentShardId));
        Assert.All(children, c => Assert.False(c.IsClosed));
        Assert.Equal(parent.StartingHashKey, children[0].StartingHashKey);
        Assert.Equal(middle.ToString(CultureInfo.InvariantCulture), children[1].StartingHashKey);
        Assert.Equal(parent.EndingHashKey, children[1].EndingHashKey);
    }

    [Fact]
    public async Task GetRecordsAsync_ClosedParentReadToTheEnd_EndsWithNullIterator()
    {
        // Arrange
        var (name, parentId, _) = await StreamWithRecordsAsync("before-split");
        await Client.SplitShardAsync(name, parentId, BigInteger.Pow(2, 127).ToString(CultureInfo.InvariantCulture));
        await fixture.WaitUntilActiveAsync(name);
        var iterator = await Client.GetShardIteratorAsync(name, parentId, ShardIteratorPosition.TrimHorizon);

        // Act
        var records = new List<KinesisRecord>();
        var result = await Poll.UntilAsync(
            async () =>
            {
                var page = await Client.GetRecordsAsync(iterator, 100);
                records.AddRange(page.Records);
                iterator = page.NextShardIterator ?? iterator;
                return page;
            },
            page => page.NextShardIterator is null,
            Deadline,
            "the closed parent shard to end");

        // Assert
        Assert.Equal(["before-split"], records.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Null(result.NextShardIterator);
    }

    [Fact]
    public async Task GetShardIteratorAsync_SequenceNumberFromElsewhere_ThrowsInvalidArgument()
    {
        // Arrange
        var (name, shardId, _) = await StreamWithRecordsAsync("x");

        // Act
        var error = await Assert.ThrowsAsync<KinesisInvalidArgumentException>(
            () => Client.GetShardIteratorAsync(name, shardId, ShardIteratorPosition.AtSequenceNumber("12345")));

        // Assert
        Assert.Equal("InvalidArgumentException", error.ErrorCode);
        Assert.False(error.IsRetryable);
    }

    private static PutRecordsEntry Entry(string text) => new(Encoding.UTF8.GetBytes(text), "device-1");

    private async Task<(string Name, string ShardId, string[] SequenceNumbers)> StreamWithRecordsAsync(params string[] texts)
    {
        var name = await fixture.CreateActiveStreamAsync(1);
        var put = await Client.PutRecordsAsync(name, texts.Select(Entry).ToArray());
        Assert.Equal(0, put.FailedRecordCount);
        return (name, put.Entries[0].ShardId!, put.Entries.Select(e => e.SequenceNumber!).ToArray());
    }

    private async Task<IReadOnlyList<KinesisRecord>> ReadAllAsync(string streamName, string shardId, ShardIteratorPosition position, int expected)
    {
        var iterator = await Client.GetShardIteratorAsync(streamName, shardId, position);
        return await ReadFromIteratorAsync(iterator, expected);
    }

    /// <summary>Reads until <paramref name="expected"/> records arrived, then one more page to prove nothing follows.</summary>
    private async Task<IReadOnlyList<KinesisRecord>> ReadFromIteratorAsync(string iterator, int expected)
    {
        var records = new List<KinesisRecord>();
        var current = iterator;
        await Poll.UntilAsync(
            async () =>
            {
                var page = await Client.GetRecordsAsync(current, 1_000);
                records.AddRange(page.Records);
                current = page.NextShardIterator ?? current;
                return records.Count;
            },
            count => count >= expected,
            Deadline,
            $"{expected} records");
        var tail = await Client.GetRecordsAsync(current, 1_000);
        records.AddRange(tail.Records);
        return records;
    }
}
