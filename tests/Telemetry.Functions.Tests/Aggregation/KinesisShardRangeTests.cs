using System.Globalization;
using System.Net;
using System.Text;
using Telemetry.Aws.Kinesis;
using Telemetry.Functions.Aggregation;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Tests.Aggregation;

// Reading a flush interval's span again: whole, or not at all.
public class KinesisShardRangeTests
{
    private const string Shard = "shardId-000000000000";

    // A shard of records numbered 100, 110, 120, … answered two per page, with scripted empty pages and expiries.
    private sealed class ScriptedShard(int records, bool closed = false) : IKinesisClient
    {
        public HashSet<int> EmptyAt { get; } = [];

        public HashSet<int> ExpireAt { get; } = [];

        public int FirstHeld { get; init; }

        public int Reads { get; private set; }

        private static string Sequence(int index) => (100 + (10 * index)).ToString(CultureInfo.InvariantCulture);

        public Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default)
        {
            var wanted = long.Parse(position.SequenceNumber!, CultureInfo.InvariantCulture);
            var index = Enumerable.Range(FirstHeld, records - FirstHeld)
                .First(i => position.Type == ShardIteratorType.AtSequenceNumber ? long.Parse(Sequence(i), CultureInfo.InvariantCulture) >= wanted : long.Parse(Sequence(i), CultureInfo.InvariantCulture) > wanted);
            return Task.FromResult($"it:{index}");
        }

        public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default)
        {
            Reads++;
            var index = int.Parse(shardIterator[3..], CultureInfo.InvariantCulture);
            if (ExpireAt.Remove(index))
            {
                throw new KinesisExpiredIteratorException("ExpiredIteratorException", "expired", HttpStatusCode.BadRequest, null);
            }

            if (EmptyAt.Remove(index) || index >= records)
            {
                var next = index >= records && closed ? null : $"it:{index}";
                return Task.FromResult(new GetRecordsResult([], next, 0, []));
            }

            var page = Enumerable.Range(index, Math.Min(2, records - index))
                .Select(i => new KinesisRecord(Sequence(i), DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes($"r{i}"), i % 2 == 0 ? "even" : "odd"))
                .ToList();
            var after = index + page.Count;
            return Task.FromResult(new GetRecordsResult(page, after >= records && closed ? null : $"it:{after}", 0, []));
        }

        public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private static Task<IReadOnlyList<StreamRecord>> ReadAsync(ScriptedShard shard, string first, string last, Func<StreamRecord, bool>? keep = null) =>
        new KinesisShardRange(shard, "telemetry", TimeProvider.System).ReadAsync(Shard, first, last, keep ?? (_ => true), CancellationToken.None);

    [Fact]
    public async Task ReadAsync_SpanOverPagesWithEmptyPagesAndAnExpiry_ReturnsExactlyTheSpanThatKeepAccepts()
    {
        var shard = new ScriptedShard(20) { EmptyAt = { 4 }, ExpireAt = { 6 } };

        var records = await ReadAsync(shard, "120", "190", r => r.PartitionKey == "even");

        Assert.Equal(["120", "140", "160", "180"], records.Select(r => r.SequenceNumber));
    }

    [Fact]
    public async Task ReadAsync_FirstRecordTrimmed_Throws()
    {
        var shard = new ScriptedShard(20) { FirstHeld = 5 };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(shard, "120", "190"));

        Assert.Contains("no longer holds 120", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TipBeforeTheLastRecord_ThrowsInsteadOfReturningPart()
    {
        var shard = new ScriptedShard(5);

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(shard, "120", "190"));
    }

    [Fact]
    public async Task ReadAsync_ClosedShardEndsBeforeTheLastRecord_Throws()
    {
        var shard = new ScriptedShard(5, closed: true);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(shard, "120", "190"));

        Assert.Contains("ended at 140", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LastRecordInsideAPage_StopsThereWithoutReadingFurther()
    {
        var shard = new ScriptedShard(20);

        var records = await ReadAsync(shard, "100", "120");

        Assert.Equal(["100", "110", "120"], records.Select(r => r.SequenceNumber));
        Assert.Equal(2, shard.Reads);
    }
}
