using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingKinesisErrorTests(EventSourceMappingKinesisFixture fixture)
{
    [Fact]
    public async Task GetRecords_IteratorExpiresMidStream_ReacquiresAfterTheCheckpointWithoutLossOrDuplicates()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 9).Select(i => $"r-{i}"));
        var kinesis = new FlakyKinesisClient(fixture.Kinesis);
        // Let two batches through, then expire the iterator once.
        kinesis.GetRecordsFailures.Enqueue(null);
        kinesis.GetRecordsFailures.Enqueue(null);
        kinesis.GetRecordsFailures.Enqueue(FlakyKinesisClient.Expired);
        var handler = new RecordingHandler();
        await using var host = Create(stream, kinesis, handler, HostHarness.Fast with { BatchSize = 3 });

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(put.Select(p => p.SequenceNumber), handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
        Assert.Equal(2, kinesis.GetShardIteratorCalls);
    }

    [Fact]
    public async Task GetRecords_ThrottledRepeatedly_BacksOffAndDeliversEverything()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 5).Select(i => $"r-{i}"));
        var kinesis = new FlakyKinesisClient(fixture.Kinesis);
        for (var i = 0; i < 4; i++)
        {
            kinesis.GetRecordsFailures.Enqueue(FlakyKinesisClient.Throttled);
        }

        var handler = new RecordingHandler();
        await using var host = Create(stream, kinesis, handler, HostHarness.Fast);

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(put.Select(p => p.SequenceNumber), handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
        Assert.Empty(kinesis.GetRecordsFailures);
        Assert.Equal(0, host.Stats.SkippedRecords);
    }

    private EventSourceMappingHost Create(TestStream stream, FlakyKinesisClient kinesis, RecordingHandler handler, EventSourceMappingSettings settings) =>
        new(HostHarness.FunctionName, stream.Name, stream.Arn, HostHarness.Region, kinesis, handler.Handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()), TimeProvider.System);
}
