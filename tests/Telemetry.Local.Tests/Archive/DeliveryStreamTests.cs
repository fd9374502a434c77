using Telemetry.Testing;
using static Telemetry.Local.Tests.Archive.DeliveryStreams;

namespace Telemetry.Local.Tests.Archive;

public sealed class DeliveryStreamTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AcceptAsync_BufferReachesItsSize_StoresAtOnceWithoutWaitingForTheInterval()
    {
        var (stream, store, host, _) = Create(Settings(sizeMb: 1, intervalSeconds: 900));
        await using var _ = stream;
        var big = new string('x', 300 * 1024);

        for (var i = 1; i <= 4; i++)
        {
            await stream.AcceptAsync("shard-0", [Record(i, Start, big)], CancellationToken.None);
        }

        await Poll.UntilAsync(() => !store.Objects.IsEmpty, "the full buffer to be stored", Deadline);
        var stored = Assert.Single(store.Objects);
        Assert.Equal(Start, stored.StoredAt);
        Assert.Equal(4, stored.Lines.Count);
        Assert.Equal([("shard-0", Record(4, Start, "").SequenceNumber, 4)], host.Commits);
    }

    [Fact]
    public async Task AcceptAsync_SmallRecords_StoredWhenTheIntervalSinceTheFirstHasPassed()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 60));
        await using var _ = stream;
        await stream.AcceptAsync("shard-0", [Record(1, Start, "{\"a\":1}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        await stream.AcceptAsync("shard-1", [Record(2, Start.AddSeconds(30), "{\"a\":2}")], CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(host.Commits);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => host.Commits.Count == 2, "both shards to be checkpointed", Deadline);
        var stored = Assert.Single(store.Objects);
        Assert.Equal(Start.AddSeconds(60), stored.StoredAt);
        Assert.Equal(["{\"a\":1}", "{\"a\":2}"], stored.Lines);
    }

    [Fact]
    public async Task AcceptAsync_RecordsWithoutTrailingNewline_EachOnItsOwnLineOfGzipNdjson()
    {
        var (stream, store, _, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;

        await stream.AcceptAsync("shard-0", [Record(1, Start, "{\"a\":1}"), Record(2, Start, "not json"), Record(3, Start, "{\"b\":[1,2]}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => !store.Objects.IsEmpty, "the object", Deadline);
        var content = Assert.Single(store.Objects).Content;
        Assert.Equal([0x1f, 0x8b], content[..2]);
        Assert.Equal(["{\"a\":1}", "not json", "{\"b\":[1,2]}"], Assert.Single(store.Objects).Lines);
    }

    [Fact]
    public async Task AcceptAsync_KplAggregatedRecord_EachUserRecordOnItsOwnLine()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;
        var builder = new Telemetry.Contracts.Kpl.KplAggregateBuilder();
        builder.TryAdd(new("dev-1", "{\"a\":1}"u8.ToArray()));
        builder.TryAdd(new("dev-2", "{\"a\":2}"u8.ToArray()));
        var aggregated = Record(1, Start, "") with { Data = builder.Build() };

        await stream.AcceptAsync("shard-0", [aggregated, Record(2, Start, "{\"a\":3}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));

        await Poll.UntilAsync(() => host.Commits.Count == 1, "the shard to be checkpointed", Deadline);
        Assert.Equal(["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"], Assert.Single(store.Objects).Lines);
    }

    [Fact]
    public async Task AcceptAsync_ArrivalsEitherSideOfAnHour_OneObjectPerHourNamedOnItsOldestRecord()
    {
        var (stream, store, _, time) = Create(Settings(intervalSeconds: 60));
        await using var _ = stream;
        var beforeHour = new DateTimeOffset(2026, 12, 1, 10, 59, 50, TimeSpan.Zero);

        await stream.AcceptAsync("shard-0", [Record(1, beforeHour, "{}"), Record(2, beforeHour.AddSeconds(20), "{}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => store.Objects.Count == 1, "the first object", Deadline);
        await stream.AcceptAsync("shard-0", [Record(3, beforeHour.AddSeconds(70), "{}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => store.Objects.Count == 2, "the second object", Deadline);

        var keys = store.Objects.Select(o => o.Key).ToList();
        Assert.StartsWith("raw/year=2026/month=12/day=01/hour=10/telemetry-archive-1-2026-12-01-10-59-50-", keys[0], StringComparison.Ordinal);
        Assert.StartsWith("raw/year=2026/month=12/day=01/hour=11/telemetry-archive-1-2026-12-01-11-01-00-", keys[1], StringComparison.Ordinal);
        Assert.All(keys, key => Assert.EndsWith(".ndjson.gz", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_StoreFailsTwice_CheckpointWaitsUntilTheObjectIsStored()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;
        store.FailNext(2);

        await stream.AcceptAsync("shard-0", [Record(1, Start, "{}")], CancellationToken.None);
        await Poll.UntilAsync(
            () =>
            {
                Assert.True(host.Commits.IsEmpty || !store.Objects.IsEmpty, "a checkpoint moved before its object was stored");
                time.Advance(TimeSpan.FromSeconds(1));
                return !host.Commits.IsEmpty;
            },
            "the checkpoint after the retries",
            Deadline);

        Assert.Single(store.Objects);
        Assert.Equal(2, host.Failures.Count);
        Assert.Contains("the bucket is not answering", host.Failures.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_CheckpointWriteFails_RetriedAndShownNotSkipped()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;
        host.FailNextCommit();

        await stream.AcceptAsync("shard-0", [Record(1, Start, "{}")], CancellationToken.None);
        await Poll.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return !host.Commits.IsEmpty;
            },
            "the checkpoint after the failed one",
            Deadline);

        Assert.Equal(("shard-0", Record(1, Start, "{}").SequenceNumber), (host.Commits.Single().ShardId, host.Commits.Single().SequenceNumber));
        Assert.Contains("the checkpoint file could not be written", Assert.Single(host.Failures), StringComparison.Ordinal);
        // Stored again on the retry: at least once, as Firehose.
        Assert.Equal(2, store.Objects.Count);
    }

    [Fact]
    public async Task DrainAsync_ShardStillBuffered_CompletesOnlyOnceItIsStored()
    {
        var (stream, store, _, time) = Create(Settings(intervalSeconds: 60));
        await using var _ = stream;
        await stream.AcceptAsync("shard-0", [Record(1, Start, "{}")], CancellationToken.None);

        var drained = stream.DrainAsync("shard-0", CancellationToken.None);
        Assert.False(drained.IsCompleted);
        await stream.DrainAsync("shard-other", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(60));

        await drained.WaitAsync(Deadline);
        Assert.Single(store.Objects);
    }

    [Fact]
    public async Task DisposeAsync_RecordsStillBuffered_StoresThemBeforeStopping()
    {
        var (stream, store, host, _) = Create(Settings(intervalSeconds: 900));
        await stream.AcceptAsync("shard-0", [Record(1, Start, "{}"), Record(2, Start, "{}")], CancellationToken.None);

        await stream.DisposeAsync();

        Assert.Equal(2, Assert.Single(store.Objects).Lines.Count);
        Assert.Equal([("shard-0", Record(2, Start, "").SequenceNumber, 2)], host.Commits);
    }

    [Fact]
    public async Task DeliverAsync_ShardReReadFromAnOlderCheckpoint_NeverMovesItsCheckpointBack()
    {
        var (stream, store, host, time) = Create(Settings(intervalSeconds: 1));
        await using var _ = stream;
        await stream.AcceptAsync("shard-0", [Record(1, Start, "{}"), Record(5, Start, "{}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => host.Commits.Count == 1, "the first checkpoint", Deadline);

        // A reader restarted from its last stored checkpoint hands over records the archive already holds.
        await stream.AcceptAsync("shard-0", [Record(2, Start, "{}"), Record(3, Start, "{}")], CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await stream.DrainAsync("shard-0", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(2, store.Objects.Count);
        Assert.Equal(Record(5, Start, "").SequenceNumber, Assert.Single(host.Commits).SequenceNumber);
    }
}
