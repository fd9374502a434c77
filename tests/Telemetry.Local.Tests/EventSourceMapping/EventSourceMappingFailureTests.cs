using System.Text.Json;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingFailureTests(EventSourceMappingKinesisFixture fixture)
{
    [Fact]
    public async Task ReportBatchItemFailures_ThirdRecordFailsOnce_RedeliveryStartsAtTheFailedRecord()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 6).Select(i => $"r-{i}"));
        var failed = put[2].SequenceNumber;
        var handler = new RecordingHandler
        {
            Respond = invocation => invocation.Index == 0
                ? $$"""{"batchItemFailures":[{"itemIdentifier":"{{put[4].SequenceNumber}}"},{"itemIdentifier":"{{failed}}"}]}"""
                : """{"batchItemFailures":[]}""",
        };
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(2, handler.Invocations.Count);
        Assert.Equal(put.Select(p => p.SequenceNumber), handler.Invocations[0].Records.Select(r => r.SequenceNumber));
        Assert.Equal(put.Skip(2).Select(p => p.SequenceNumber), handler.Invocations[1].Records.Select(r => r.SequenceNumber));
        Assert.Equal(1, host.Stats.Retries);
        Assert.Equal(6, host.Stats.RecordsDelivered);
    }

    [Theory]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":""}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":null}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemId":"1"}]}""")]
    [InlineData("""{"batchItemFailures":[{"itemIdentifier":"12345"}]}""")]
    public async Task ReportBatchItemFailures_BadItemIdentifier_WholeBatchIsRetried(string badResponse)
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 4).Select(i => $"r-{i}"));
        var handler = new RecordingHandler { Respond = invocation => invocation.Index == 0 ? badResponse : null };
        var settings = HostHarness.Fast with { BisectBatchOnFunctionError = false };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(2, handler.Invocations.Count);
        Assert.Equal(4, handler.Invocations[1].Records.Count);
    }

    [Fact]
    public async Task BisectBatchOnFunctionError_PoisonRecord_IsIsolatedSkippedAndWrittenToTheOnFailureFile()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 8).Select(i => i == 5 ? "poison" : $"r-{i}"));
        var poison = put[5].SequenceNumber;
        var handler = new RecordingHandler
        {
            Respond = invocation => invocation.Contains(poison) ? throw new InvalidOperationException("cannot digest poison") : null,
        };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        var settings = HostHarness.Fast with { MaximumRetryAttempts = 2, OnFailureDestinationPath = onFailure };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        // 8 fails -> 4 ok + 4 fails -> 2 fails -> 1 ok + poison x3 (first try and 2 retries) -> 2 ok.
        Assert.Equal([8, 4, 4, 2, 1, 1, 1, 1, 2], handler.Invocations.Select(i => i.Records.Count));
        var succeeded = handler.Invocations.Where(i => !i.Contains(poison)).SelectMany(i => i.Records).Select(r => r.SequenceNumber).ToList();
        Assert.Equal(put.Where(p => p.SequenceNumber != poison).Select(p => p.SequenceNumber), succeeded);
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(onFailure)));
        var batch = line.RootElement.GetProperty("KinesisBatchInfo");
        Assert.Equal(poison, batch.GetProperty("startSequenceNumber").GetString());
        Assert.Equal(poison, batch.GetProperty("endSequenceNumber").GetString());
        Assert.Equal(put[5].ShardId, batch.GetProperty("shardId").GetString());
        Assert.Equal(1, batch.GetProperty("batchSize").GetInt32());
        Assert.Equal(stream.Arn, batch.GetProperty("streamArn").GetString());
        Assert.Equal("RetryAttemptsExhausted", line.RootElement.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(new EventSourceMappingStats(9, 7, 2, 1, 1), host.Stats with { LastError = null, LastErrorAt = null, BilledMilliseconds = 0 });
        Assert.Contains("cannot digest poison", host.Stats.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidJsonResponse_WithoutBisect_RetriesThenSkipsTheWholeBatch()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 3).Select(i => $"r-{i}"));
        var handler = new RecordingHandler { Respond = _ => "{not json" };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        var settings = HostHarness.Fast with { BisectBatchOnFunctionError = false, MaximumRetryAttempts = 1, OnFailureDestinationPath = onFailure };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal([3, 3], handler.Invocations.Select(i => i.Records.Count));
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(onFailure)));
        var batch = line.RootElement.GetProperty("KinesisBatchInfo");
        Assert.Equal(put[0].SequenceNumber, batch.GetProperty("startSequenceNumber").GetString());
        Assert.Equal(put[2].SequenceNumber, batch.GetProperty("endSequenceNumber").GetString());
        Assert.Equal(new EventSourceMappingStats(2, 0, 1, 1, 3), host.Stats with { LastError = null, LastErrorAt = null, BilledMilliseconds = 0 });
        Assert.Contains("invalid JSON", host.Stats.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaximumRecordAge_RecordsOlderThanTheLimit_AreSkippedWithoutInvokingTheFunction()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["old-1", "old-2"]);
        var handler = new RecordingHandler();
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        var settings = HostHarness.Fast with { MaximumRecordAge = TimeSpan.FromMinutes(1), OnFailureDestinationPath = onFailure };
        var anHourLater = new ShiftedTimeProvider(TimeSpan.FromHours(1));
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory), anHourLater);

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Empty(handler.Invocations);
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(onFailure)));
        Assert.Equal("RecordAgeExceeded", line.RootElement.GetProperty("requestContext").GetProperty("condition").GetString());
        Assert.Equal(0, line.RootElement.GetProperty("requestContext").GetProperty("approximateInvokeCount").GetInt32());
        Assert.False(line.RootElement.TryGetProperty("responseContext", out _));
        Assert.Equal(2, line.RootElement.GetProperty("KinesisBatchInfo").GetProperty("batchSize").GetInt32());
    }

    [Fact]
    public async Task HandlerThrows_RetryLimitInfinite_KeepsRetryingAndNeverSkips()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["a"]);
        var handler = new RecordingHandler { Respond = invocation => invocation.Index < 5 ? throw new TimeoutException("downstream slow") : null };
        var settings = HostHarness.Fast with { MaximumRetryAttempts = -1 };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(6, handler.Invocations.Count);
        Assert.Equal(new EventSourceMappingStats(6, 1, 5, 0, 0), host.Stats with { LastError = null, LastErrorAt = null, BilledMilliseconds = 0 });
        Assert.Contains("downstream slow", host.Stats.LastError, StringComparison.Ordinal);
    }

    /// <summary>The system clock seen from later, so that fresh records look old; timers still run in real time.</summary>
    private sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
