using Telemetry.Storage.Rejected;
using Telemetry.Storage.Tests.Support;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Storage.Tests.Rejected;

[Collection(DynaliteCollection.Name)]
public class RejectedReaderTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private string table = null!;

    public async Task InitializeAsync() => table = await dynalite.NewTableAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task QueryRejectedAsync_StoredRejects_ReturnsThemInShardAndSequenceOrder()
    {
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-2", "7"), Seed.Reject("shardId-1", "9"), Seed.Reject("shardId-1", "8"));

        var rows = await new RejectedReader(dynalite.Client, table).QueryRejectedAsync(Today, CancellationToken.None);

        Assert.Equal([("shardId-1", "8"), ("shardId-1", "9"), ("shardId-2", "7")], rows.Select(r => (r.ShardId, r.SequenceNumber)));
        Assert.All(rows, r => Assert.Equal(("poison", "MalformedJson", "not JSON", false), (r.PartitionKey, r.Reason, r.Message, r.DataTruncated)));
    }

    [Fact]
    public async Task RejectedTimesAsync_StoredRejects_ReturnsWhenEachWasStored()
    {
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-1", "21"), Seed.Reject("shardId-1", "22"));

        var times = await new RejectedReader(dynalite.Client, table).RejectedTimesAsync(Today, CancellationToken.None);

        Assert.Equal([Now, Now], times);
        Assert.Empty(await new RejectedReader(dynalite.Client, table).RejectedTimesAsync(Today.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task QueryRejectedAsync_SameRecordStoredTwice_ReturnsItOnce()
    {
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-1", "8"));
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-1", "8"));

        var rows = await new RejectedReader(dynalite.Client, table).QueryRejectedAsync(Today, CancellationToken.None);

        Assert.Single(rows);
    }

    [Fact]
    public async Task QueryRejectedAsync_OtherDay_ReturnsNothing()
    {
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-1", "8"));

        var rows = await new RejectedReader(dynalite.Client, table).QueryRejectedAsync(Today.AddDays(-1), CancellationToken.None);

        Assert.Empty(rows);
    }

    [Fact]
    public async Task QueryRejectedAsync_OversizedData_ReturnsItCutToValidBase64()
    {
        var data = Convert.ToBase64String(new byte[30_000]);
        await Seed.RejectsAsync(dynalite.Client, table, Seed.Reject("shardId-1", "8", data));

        var row = Assert.Single(await new RejectedReader(dynalite.Client, table).QueryRejectedAsync(Today, CancellationToken.None));

        Assert.True(row.DataTruncated);
        Assert.Equal(RejectedSink.MaxStoredDataChars, row.Data.Length);
        Assert.NotEmpty(Convert.FromBase64String(row.Data));
    }
}
