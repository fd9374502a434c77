using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingCheckpointTests(EventSourceMappingKinesisFixture fixture)
{
    [Fact]
    public async Task StartAsync_NewHostOnTheSameCheckpoints_ResumesWithoutRedeliveringAnything()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 2);
        var directory = fixture.NewTestDirectory();
        var before = await stream.PutAsync(Enumerable.Range(0, 12).Select(i => $"before-{i}"), HostHarness.FirstShardHashKey);
        before = [.. before, .. await stream.PutAsync(Enumerable.Range(0, 12).Select(i => $"before-b-{i}"), HostHarness.LastShardHashKey)];
        var firstRun = new RecordingHandler();
        await using (var host = HostHarness.Create(fixture, stream, firstRun, HostHarness.Fast with { BatchSize = 5 }, new FileCheckpointStore(directory)))
        {
            await host.StartAsync();
            await host.WaitUntilCaughtUpAsync(TestStream.Targets(before), HostHarness.CatchUpDeadline);
            await host.StopAsync();
        }

        var after = await stream.PutAsync(Enumerable.Range(0, 7).Select(i => $"after-{i}"), HostHarness.FirstShardHashKey);
        var secondRun = new RecordingHandler();
        await using (var host = HostHarness.Create(fixture, stream, secondRun, HostHarness.Fast with { BatchSize = 5 }, new FileCheckpointStore(directory)))
        {
            await host.StartAsync();
            await host.WaitUntilCaughtUpAsync(TestStream.Targets([.. before, .. after]), HostHarness.CatchUpDeadline);
        }

        var firstSequences = firstRun.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber).ToList();
        var secondSequences = secondRun.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber).ToList();
        Assert.Equal(before.Select(p => p.SequenceNumber).Order(), firstSequences.Order());
        Assert.Equal(after.Select(p => p.SequenceNumber), secondSequences);
    }

    [Fact]
    public async Task StartAsync_FunctionFailsUntilStopped_NothingIsCheckpointedAndTheNextHostRedelivers()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var directory = fixture.NewTestDirectory();
        var put = await stream.PutAsync(["x", "y"]);
        var failing = new RecordingHandler { Respond = _ => throw new InvalidOperationException("down") };
        var settings = HostHarness.Fast with { MaximumRetryAttempts = -1 };
        await using (var host = HostHarness.Create(fixture, stream, failing, settings, new FileCheckpointStore(directory)))
        {
            await host.StartAsync();
            await HostHarness.PollAsync(() => failing.Invocations.Count >= 3);
            await host.StopAsync();
            Assert.Null(host.CheckpointsByShard[put[0].ShardId]);
        }

        var healthy = new RecordingHandler();
        await using (var host = HostHarness.Create(fixture, stream, healthy, settings, new FileCheckpointStore(directory)))
        {
            await host.StartAsync();
            await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);
        }

        Assert.Equal(put.Select(p => p.SequenceNumber), healthy.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
    }
}
