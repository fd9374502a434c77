using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

public sealed class EventSourceMappingStreamStartTests
{
    private const string StreamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/telemetry";

    [Fact]
    public async Task Poll_FirstRecordStoredAfterAnEmptyReadOfALaterSecond_DeliversIt()
    {
        var stream = new KinesaliteOrderStream();
        var handler = new RecordingHandler();
        var checkpoints = Directory.CreateTempSubdirectory("telemetry-esm-start-");
        try
        {
            await using var host = new EventSourceMappingHost(
                HostHarness.FunctionName, "telemetry", StreamArn, HostHarness.Region, stream, handler.Handler, HostHarness.Fast, new FileCheckpointStore(checkpoints.FullName), TimeProvider.System);
            await host.StartAsync();

            // The stream's first put takes its sequence number; the shard is read, empty, in the next second; then the put is stored.
            var first = stream.Begin("r-0");
            stream.AdvanceSeconds(1);
            var readsBefore = stream.Reads;
            await Poll.UntilAsync(() => stream.Reads > readsBefore, "a read of the shard after the clock moved");
            stream.Store(first);
            var second = stream.Begin("r-1");
            stream.Store(second);
            await host.WaitUntilCaughtUpAsync(new Dictionary<string, string> { [KinesaliteOrderStream.ShardId] = second.SequenceNumber }, HostHarness.CatchUpDeadline);

            Assert.Equal([first.SequenceNumber, second.SequenceNumber], handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
        }
        finally
        {
            checkpoints.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Poll_StartingIteratorExpiresOnAnEmptyShard_AcquiresItAgainAndDeliversTheFirstRecord()
    {
        var stream = new KinesaliteOrderStream();
        var kinesis = new FlakyKinesisClient(stream);
        kinesis.GetRecordsFailures.Enqueue(null);
        kinesis.GetRecordsFailures.Enqueue(FlakyKinesisClient.Expired);
        var handler = new RecordingHandler();
        var checkpoints = Directory.CreateTempSubdirectory("telemetry-esm-start-");
        try
        {
            await using var host = new EventSourceMappingHost(
                HostHarness.FunctionName, "telemetry", StreamArn, HostHarness.Region, kinesis, handler.Handler, HostHarness.Fast, new FileCheckpointStore(checkpoints.FullName), TimeProvider.System);
            await host.StartAsync();

            await Poll.UntilAsync(() => kinesis.GetRecordsFailures.Count == 0 && kinesis.GetShardIteratorCalls == 2, "the expired starting iterator to be acquired again");
            var first = stream.Begin("r-0");
            stream.Store(first);
            await host.WaitUntilCaughtUpAsync(new Dictionary<string, string> { [KinesaliteOrderStream.ShardId] = first.SequenceNumber }, HostHarness.CatchUpDeadline);

            Assert.Equal([first.SequenceNumber], handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
        }
        finally
        {
            checkpoints.Delete(recursive: true);
        }
    }
}
