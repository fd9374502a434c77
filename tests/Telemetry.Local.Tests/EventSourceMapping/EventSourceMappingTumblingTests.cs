using System.Globalization;
using System.Text.Json;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

// The host's TumblingWindowInSeconds: state carried between a window's invocations, one final invocation per window.
[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingTumblingTests(EventSourceMappingKinesisFixture fixture)
{
    // A function that counts records in its state and, on a window's final invocation, reports the count.
    private sealed class CountingFunction
    {
        private readonly Lock gate = new();

        public RecordingHandler Handler { get; }

        public List<int> FinalCounts { get; } = [];

        public CountingFunction() => Handler = new RecordingHandler { Respond = Respond };

        private string Respond(Invocation invocation)
        {
            using var document = JsonDocument.Parse(invocation.Json);
            var root = document.RootElement;
            var held = root.GetProperty("state").TryGetProperty("n", out var n) ? int.Parse(n.GetString()!, CultureInfo.InvariantCulture) : 0;
            var count = held + invocation.Records.Count;
            if (root.GetProperty("isFinalInvokeForWindow").GetBoolean())
            {
                lock (gate)
                {
                    FinalCounts.Add(count);
                }

                return """{"state":{},"batchItemFailures":[]}""";
            }

            return $$"""{"state":{"n":"{{count}}"},"batchItemFailures":[]}""";
        }
    }

    [Fact]
    public async Task StartAsync_TumblingWindow_CarriesStateAndClosesEveryWindowWithOneFinalInvocation()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var function = new CountingFunction();
        var settings = HostHarness.Fast with { BatchSize = 3, TumblingWindow = TimeSpan.FromSeconds(1), BisectBatchOnFunctionError = false };
        await using var host = HostHarness.Create(fixture, stream, function.Handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));
        await host.StartAsync();

        var put = await stream.PutAsync(Enumerable.Range(0, 12).Select(i => $"r-{i}"));
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(12, function.FinalCounts.Sum());
        Assert.All(function.Handler.Invocations, invocation =>
        {
            using var document = JsonDocument.Parse(invocation.Json);
            var root = document.RootElement;
            var (start, end) = (root.GetProperty("window").GetProperty("start").GetDateTimeOffset(), root.GetProperty("window").GetProperty("end").GetDateTimeOffset());
            Assert.Equal(TimeSpan.FromSeconds(1), end - start);
            Assert.Equal(stream.Arn, root.GetProperty("eventSourceARN").GetString());
            Assert.Equal(put[0].ShardId, root.GetProperty("shardId").GetString());
            Assert.False(root.GetProperty("isWindowTerminatedEarly").GetBoolean());
            if (root.GetProperty("isFinalInvokeForWindow").GetBoolean())
            {
                Assert.Empty(invocation.Records);
            }
        });
    }

    [Fact]
    public async Task StartAsync_RestartInsideAWindow_ResumesWithTheSavedStateAndDeliversOnlyNewRecords()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var directory = fixture.NewTestDirectory();
        // Wide enough that the window cannot close during the test.
        var settings = HostHarness.Fast with { TumblingWindow = TimeSpan.FromSeconds(900), BisectBatchOnFunctionError = false };
        var first = new CountingFunction();
        var before = await stream.PutAsync(Enumerable.Range(0, 5).Select(i => $"before-{i}"));
        var checkpoints = new FileCheckpointStore(directory);
        await using (var host = HostHarness.Create(fixture, stream, first.Handler, settings, checkpoints))
        {
            await host.StartAsync();
            // Stopped once the state is in the checkpoint file: stopped earlier, the records are rightly delivered again.
            await HostHarness.PollAsync(() => checkpoints.GetWindowAsync(HostHarness.FunctionName, before[0].ShardId, CancellationToken.None).GetAwaiter().GetResult()?.ReadTo == before[^1].SequenceNumber);
            await host.StopAsync();
            Assert.Null(host.CheckpointsByShard[before[0].ShardId]);
        }

        var after = await stream.PutAsync(Enumerable.Range(0, 3).Select(i => $"after-{i}"));
        var second = new CountingFunction();
        await using (var host = HostHarness.Create(fixture, stream, second.Handler, settings, new FileCheckpointStore(directory)))
        {
            await host.StartAsync();
            await HostHarness.PollAsync(() => second.Handler.Invocations.Sum(i => i.Records.Count) == 3);
            await host.StopAsync();
        }

        Assert.Equal(after.Select(p => p.SequenceNumber), second.Handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
        Assert.Contains("\"state\":{\"n\":\"5\"}", second.Handler.Invocations[0].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ResponseWithoutState_IsRetriedWithTheSameState()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var function = new CountingFunction();
        var answered = 0;
        var counting = function.Handler.Respond;
        function.Handler.Respond = invocation => Interlocked.Increment(ref answered) <= 2 ? """{"batchItemFailures":[]}""" : counting(invocation);
        var settings = HostHarness.Fast with { TumblingWindow = TimeSpan.FromSeconds(1), BisectBatchOnFunctionError = false };
        await using var host = HostHarness.Create(fixture, stream, function.Handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));
        await host.StartAsync();

        var put = await stream.PutAsync(Enumerable.Range(0, 4).Select(i => $"r-{i}"));
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(4, function.FinalCounts.Sum());
        Assert.Equal(function.Handler.Invocations[0].Records.Select(r => r.SequenceNumber), function.Handler.Invocations[2].Records.Select(r => r.SequenceNumber));
    }
}
