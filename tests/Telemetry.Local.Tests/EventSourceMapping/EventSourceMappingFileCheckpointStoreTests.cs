using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

public sealed class EventSourceMappingFileCheckpointStoreTests : IDisposable
{
    private const string Big = "49590338271490256608559692538361571095921575989136588898";

    private readonly string _directory = Directory.CreateTempSubdirectory("telemetry-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GetAsync_NothingStored_ReturnsNullAndNotFinished()
    {
        var store = new FileCheckpointStore(_directory);

        Assert.Null(await store.GetAsync("aggregator", "shardId-000000000000", CancellationToken.None));
        Assert.False(await store.IsShardFinishedAsync("aggregator", "shardId-000000000000", CancellationToken.None));
    }

    [Fact]
    public async Task SetWindowAsync_ThenANewStore_ReadsTheWindowAndMovesTheCheckpointOnlyWhenGiven()
    {
        var window = new OpenWindow(new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero), """{"rollups":"H4sI"}""", Big);
        var store = new FileCheckpointStore(_directory);
        await store.SetAsync("aggregator", "shardId-000000000001", "1", CancellationToken.None);

        await store.SetWindowAsync("aggregator", "shardId-000000000001", window, null, CancellationToken.None);

        var reopened = new FileCheckpointStore(_directory);
        Assert.Equal(window, await reopened.GetWindowAsync("aggregator", "shardId-000000000001", CancellationToken.None));
        Assert.Equal("1", await reopened.GetAsync("aggregator", "shardId-000000000001", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_AfterAWindowWasOpen_ForgetsTheWindow()
    {
        var store = new FileCheckpointStore(_directory);
        await store.SetWindowAsync("aggregator", "shardId-000000000001", new OpenWindow(DateTimeOffset.UnixEpoch, "{}", Big), null, CancellationToken.None);

        await store.SetAsync("aggregator", "shardId-000000000001", Big, CancellationToken.None);

        Assert.Null(await store.GetWindowAsync("aggregator", "shardId-000000000001", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_ThenANewStoreOnTheSameDirectory_ReadsTheCheckpointAndLeavesNoTemporaryFile()
    {
        await new FileCheckpointStore(_directory).SetAsync("aggregator", "shardId-000000000001", Big, CancellationToken.None);

        var reopened = new FileCheckpointStore(_directory);

        Assert.Equal(Big, await reopened.GetAsync("aggregator", "shardId-000000000001", CancellationToken.None));
        Assert.Single(Directory.GetFiles(_directory));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task MarkShardFinishedAsync_AfterSet_KeepsTheSequenceNumberAndIsPerFunction()
    {
        var store = new FileCheckpointStore(_directory);
        await store.SetAsync("aggregator", "shardId-000000000002", Big, CancellationToken.None);

        await store.MarkShardFinishedAsync("aggregator", "shardId-000000000002", CancellationToken.None);

        Assert.True(await store.IsShardFinishedAsync("aggregator", "shardId-000000000002", CancellationToken.None));
        Assert.Equal(Big, await store.GetAsync("aggregator", "shardId-000000000002", CancellationToken.None));
        Assert.False(await store.IsShardFinishedAsync("alerter", "shardId-000000000002", CancellationToken.None));
        Assert.Null(await store.GetAsync("alerter", "shardId-000000000002", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_ConcurrentWritesToManyShards_EveryFileIsWholeJson()
    {
        var store = new FileCheckpointStore(_directory);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            store.SetAsync("aggregator", $"shardId-{i:D12}", $"{Big}{i}", CancellationToken.None)));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"{Big}{i}", await store.GetAsync("aggregator", $"shardId-{i:D12}", CancellationToken.None));
        }
    }
}
