using System.Numerics;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingReshardTests(EventSourceMappingKinesisFixture fixture)
{
    [Fact]
    public async Task StartAsync_AfterSplitShard_DeliversEveryParentRecordBeforeAnyChildRecord()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var parent = await stream.PutAsync(Enumerable.Range(0, 20).Select(i => $"parent-{i}"), HostHarness.FirstShardHashKey);
        var parentShard = parent[0].ShardId;
        var middle = (BigInteger.Pow(2, 128) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Kinesis.SplitShardAsync(stream.Name, parentShard, middle);
        await fixture.WaitUntilActiveAsync(stream.Name);
        var lowChild = await stream.PutAsync(Enumerable.Range(0, 10).Select(i => $"low-{i}"), HostHarness.FirstShardHashKey);
        var highChild = await stream.PutAsync(Enumerable.Range(0, 10).Select(i => $"high-{i}"), HostHarness.LastShardHashKey);
        var handler = new RecordingHandler();
        var store = new FileCheckpointStore(fixture.NewTestDirectory());
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast with { BatchSize = 4 }, store);

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets([.. parent, .. lowChild, .. highChild]), HostHarness.CatchUpDeadline);

        var delivered = handler.Invocations.SelectMany(i => i.Records).ToList();
        Assert.NotEqual(parentShard, lowChild[0].ShardId);
        Assert.NotEqual(lowChild[0].ShardId, highChild[0].ShardId);
        Assert.Equal(parent.Select(p => p.SequenceNumber), delivered.Take(parent.Count).Select(r => r.SequenceNumber));
        Assert.Equal(lowChild.Select(p => p.SequenceNumber), delivered.Where(r => r.ShardId == lowChild[0].ShardId).Select(r => r.SequenceNumber));
        Assert.Equal(highChild.Select(p => p.SequenceNumber), delivered.Where(r => r.ShardId == highChild[0].ShardId).Select(r => r.SequenceNumber));
        Assert.Equal(40, delivered.Count);
        Assert.True(await store.IsShardFinishedAsync(HostHarness.FunctionName, parentShard, CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_SplitWhileRunning_PicksUpTheChildShards()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast, new FileCheckpointStore(fixture.NewTestDirectory()));
        await host.StartAsync();
        var parent = await stream.PutAsync(["p-0", "p-1"]);
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(parent), HostHarness.CatchUpDeadline);

        var middle = (BigInteger.Pow(2, 128) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Kinesis.SplitShardAsync(stream.Name, parent[0].ShardId, middle);
        await fixture.WaitUntilActiveAsync(stream.Name);
        var children = await stream.PutAsync(["c-low"], HostHarness.FirstShardHashKey);
        children = [.. children, .. await stream.PutAsync(["c-high"], HostHarness.LastShardHashKey)];
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(children), HostHarness.CatchUpDeadline);

        var delivered = handler.Invocations.SelectMany(i => i.Records).Select(r => r.Text).ToList();
        Assert.Equal(["p-0", "p-1"], delivered.Take(2));
        Assert.Equal(["c-high", "c-low"], delivered.Skip(2).Order());
        Assert.Contains(children[0].ShardId, host.CheckpointsByShard.Keys);
    }
    [Fact]
    public async Task StartAsync_EmptyShardSplitWhileRunning_FinishesItAndDeliversTheChildren()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var handler = new RecordingHandler();
        var store = new FileCheckpointStore(fixture.NewTestDirectory());
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast, store);
        await host.StartAsync();
        var parentShard = (await fixture.Kinesis.ListShardsAsync(stream.Name)).Single().ShardId;

        // The parent never holds a record: its poller must still see it end, or the children wait for ever.
        var middle = (BigInteger.Pow(2, 128) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fixture.Kinesis.SplitShardAsync(stream.Name, parentShard, middle);
        await fixture.WaitUntilActiveAsync(stream.Name);
        var children = await stream.PutAsync(["c-low"], HostHarness.FirstShardHashKey);
        children = [.. children, .. await stream.PutAsync(["c-high"], HostHarness.LastShardHashKey)];
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(children), HostHarness.CatchUpDeadline);

        Assert.Equal(["c-high", "c-low"], handler.Invocations.SelectMany(i => i.Records).Select(r => r.Text).Order());
        Assert.True(await store.IsShardFinishedAsync(HostHarness.FunctionName, parentShard, CancellationToken.None));
    }
}
