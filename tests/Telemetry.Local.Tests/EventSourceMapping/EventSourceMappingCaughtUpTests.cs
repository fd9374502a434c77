using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingCaughtUpTests(EventSourceMappingKinesisFixture fixture)
{
    [Fact]
    public async Task WaitUntilCaughtUpAsync_AllRecordsProcessed_CompletesWithCheckpointsAtTheTargets()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 2);
        var put = await stream.PutAsync(["a", "b"], HostHarness.FirstShardHashKey);
        put = [.. put, .. await stream.PutAsync(["c"], HostHarness.LastShardHashKey)];
        var targets = TestStream.Targets(put);
        await using var host = HostHarness.Create(fixture, stream, new RecordingHandler(), HostHarness.Fast, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(targets, HostHarness.CatchUpDeadline);

        foreach (var (shardId, target) in targets)
        {
            Assert.Equal(target, host.CheckpointsByShard[shardId]);
        }
    }

    [Fact]
    public async Task WaitUntilCaughtUpAsync_FunctionKeepsFailing_ThrowsTimeoutNamingTheLaggingShard()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 2);
        var stuck = await stream.PutAsync(["stuck"], HostHarness.FirstShardHashKey);
        var fine = await stream.PutAsync(["fine"], HostHarness.LastShardHashKey);
        var handler = new RecordingHandler { Respond = i => i.Records.Any(r => r.Text == "stuck") ? throw new InvalidOperationException("boom") : null };
        var settings = HostHarness.Fast with { MaximumRetryAttempts = -1 };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));
        await host.StartAsync();

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            host.WaitUntilCaughtUpAsync(TestStream.Targets([.. stuck, .. fine]), TimeSpan.FromSeconds(1.5)));

        Assert.Contains(stuck[0].ShardId, error.Message, StringComparison.Ordinal);
        Assert.Contains(stuck[0].SequenceNumber, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fine[0].ShardId, error.Message, StringComparison.Ordinal);
        Assert.Contains("(nothing processed)", error.Message, StringComparison.Ordinal);
    }
}
