using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>
/// The settings config/pipeline.json gives the aggregator (unlimited retries, no record age limit, bisect): a batch that
/// fails on a transient error waits for the outage to end instead of being skipped, and what can still be skipped is
/// reported exactly as Lambda reports it.
/// </summary>
[Collection(EventSourceMappingCollection.Name)]
public sealed partial class EventSourceMappingRetryTests(EventSourceMappingKinesisFixture fixture)
{
    private static readonly EventSourceMappingSettings WaitOutOutages = HostHarness.Fast with
    {
        MaximumRetryAttempts = -1,
        MaximumRecordAge = Timeout.InfiniteTimeSpan,
        BisectBatchOnFunctionError = true,
    };

    [Fact]
    public async Task ProcessAsync_StoreDownForManyInvocations_EveryRecordDeliveredAndNothingSkipped()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 8).Select(i => $"r-{i}"));
        // Every invocation fails while the outage lasts, whatever it carries: bisection alone cannot get past it.
        var handler = new RecordingHandler
        {
            Respond = invocation => invocation.Index < 20 ? throw new TimeoutException("DynamoDB did not answer") : null,
        };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        await using var host = HostHarness.Create(fixture, stream, handler, WaitOutOutages with { OnFailureDestinationPath = onFailure }, new FileCheckpointStore(directory));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        var delivered = handler.Invocations.Where(i => i.Index >= 20).SelectMany(i => i.Records).Select(r => r.SequenceNumber);
        Assert.Equal(put.Select(p => p.SequenceNumber), delivered);
        Assert.False(File.Exists(onFailure));
        Assert.Equal(0, host.Stats.SkippedRecords);
        Assert.Equal(8, host.Stats.RecordsDelivered);
        Assert.Empty(host.RetryingShards);
    }

    [Fact]
    public async Task RetryingShards_BatchKeepsFailing_NamesTheShardItsFailuresAndTheLastError()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["a"]);
        var outage = new Outage();
        var handler = new RecordingHandler { Respond = _ => outage.Fail() };
        await using var host = HostHarness.Create(fixture, stream, handler, WaitOutOutages, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        var retrying = await PollAsync(() => host.RetryingShards.SingleOrDefault(s => s.Failures >= 3));

        Assert.Equal(put[0].ShardId, retrying.ShardId);
        Assert.Contains("DynamoDB did not answer", retrying.LastError, StringComparison.Ordinal);
        Assert.True(retrying.Since <= retrying.LastErrorAt);
        outage.End();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);
        Assert.Empty(host.RetryingShards);
        Assert.Equal(0, host.Stats.SkippedRecords);
    }

    [Fact]
    public async Task ProcessAsync_OutageEndsAfterManyRetries_ShardResumesWithinTheRetryDelayCap()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["a"]);
        var outage = new Outage();
        var handler = new RecordingHandler { Respond = _ => outage.Fail() };
        // Uncapped, the 30th wait could be 5 ms · 2^30 (about two months); capped it is at most 100 ms.
        var settings = WaitOutOutages with { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaximumRetryDelay = TimeSpan.FromMilliseconds(100) };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await PollAsync(() => handler.Invocations.Count >= 30 ? handler.Invocations : null);
        outage.End();

        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), TimeSpan.FromSeconds(5));
        Assert.Equal(0, host.Stats.SkippedRecords);
    }

    [Fact]
    public async Task ProcessAsync_RetriesExhausted_WritesLambdasInvocationRecordWithResponseContextAndNoByteOrderMark()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["a", "b", "c"]);
        var handler = new RecordingHandler { Respond = _ => throw new InvalidOperationException("always") };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        var settings = HostHarness.Fast with { BisectBatchOnFunctionError = false, MaximumRetryAttempts = 2, OnFailureDestinationPath = onFailure };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        var bytes = await File.ReadAllBytesAsync(onFailure);
        Assert.Equal((byte)'{', bytes[0]);
        using var record = JsonDocument.Parse(Assert.Single(File.ReadAllLines(onFailure)));
        var root = record.RootElement;
        Assert.Equal(["requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo"], Names(root));
        var request = root.GetProperty("requestContext");
        Assert.Equal(["requestId", "functionArn", "condition", "approximateInvokeCount"], Names(request));
        Assert.Equal("RetryAttemptsExhausted", request.GetProperty("condition").GetString());
        Assert.Equal(3, request.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal($"arn:aws:lambda:{HostHarness.Region}:{stream.Arn.Split(':')[4]}:function:{HostHarness.FunctionName}", request.GetProperty("functionArn").GetString());
        Assert.True(Guid.TryParse(request.GetProperty("requestId").GetString(), out _));
        var response = root.GetProperty("responseContext");
        Assert.Equal(["statusCode", "executedVersion", "functionError"], Names(response));
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("$LATEST", response.GetProperty("executedVersion").GetString());
        Assert.Equal("Unhandled", response.GetProperty("functionError").GetString());
        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Matches(IsoMilliseconds(), root.GetProperty("timestamp").GetString());
        AssertBatchInfo(root.GetProperty("KinesisBatchInfo"), stream, put);
    }

    [Fact]
    public async Task ProcessAsync_BatchAgesOutWhileRetrying_WritesRecordAgeExceededWithoutResponseContext()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["a", "b"]);
        var handler = new RecordingHandler { Respond = _ => throw new TimeoutException("DynamoDB did not answer") };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "on-failure.jsonl");
        var settings = WaitOutOutages with
        {
            BisectBatchOnFunctionError = false,
            MaximumRecordAge = TimeSpan.FromSeconds(60),
            OnFailureDestinationPath = onFailure,
        };
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory), time);

        await host.StartAsync();
        await PollAsync(() => handler.Invocations.Count >= 1 ? handler.Invocations : null);
        // The host waits on the fake clock between retries and polls: move it on until the records are too old.
        await PollAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(10));
            return host.CheckpointsByShard.GetValueOrDefault(put[0].ShardId) == put[^1].SequenceNumber ? "skipped" : null;
        });

        using var record = JsonDocument.Parse(Assert.Single(File.ReadAllLines(onFailure)));
        var root = record.RootElement;
        Assert.Equal(["requestContext", "version", "timestamp", "KinesisBatchInfo"], Names(root));
        var request = root.GetProperty("requestContext");
        Assert.Equal("RecordAgeExceeded", request.GetProperty("condition").GetString());
        Assert.Equal(handler.Invocations.Count, request.GetProperty("approximateInvokeCount").GetInt32());
        AssertBatchInfo(root.GetProperty("KinesisBatchInfo"), stream, put);
        Assert.Equal(new EventSourceMappingStats(handler.Invocations.Count, 0, handler.Invocations.Count, 1, 2), host.Stats with { LastError = null, LastErrorAt = null });
    }

    [Fact]
    public async Task OnFailureFile_NewFile_HasNoByteOrderMark()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["x"]);
        var handler = new RecordingHandler { Respond = _ => throw new InvalidOperationException("poison") };
        var directory = fixture.NewTestDirectory();
        var onFailure = Path.Combine(directory, "nested", "on-failure.jsonl");
        var settings = HostHarness.Fast with { MaximumRetryAttempts = 0, OnFailureDestinationPath = onFailure };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(directory));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        var bytes = await File.ReadAllBytesAsync(onFailure);
        Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8), "the file starts with a UTF-8 byte order mark");
        Assert.Equal((byte)'{', bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    private static void AssertBatchInfo(JsonElement info, TestStream stream, IReadOnlyList<PutRecord> put)
    {
        Assert.Equal(
            ["shardId", "startSequenceNumber", "endSequenceNumber", "approximateArrivalOfFirstRecord", "approximateArrivalOfLastRecord", "batchSize", "streamArn"],
            Names(info));
        Assert.Equal(put[0].ShardId, info.GetProperty("shardId").GetString());
        Assert.Equal(put[0].SequenceNumber, info.GetProperty("startSequenceNumber").GetString());
        Assert.Equal(put[^1].SequenceNumber, info.GetProperty("endSequenceNumber").GetString());
        Assert.Matches(IsoMilliseconds(), info.GetProperty("approximateArrivalOfFirstRecord").GetString());
        Assert.Matches(IsoMilliseconds(), info.GetProperty("approximateArrivalOfLastRecord").GetString());
        Assert.Equal(put.Count, info.GetProperty("batchSize").GetInt32());
        Assert.Equal(stream.Arn, info.GetProperty("streamArn").GetString());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name)];

    /// <summary>Looks until <paramref name="probe"/> returns something, on the real clock, for at most the catch-up deadline.</summary>
    private static async Task<T> PollAsync<T>(Func<T?> probe)
        where T : class
    {
        var giveUpAt = TimeProvider.System.GetUtcNow() + HostHarness.CatchUpDeadline;
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < giveUpAt, $"nothing turned up within {HostHarness.CatchUpDeadline}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMilliseconds();

    /// <summary>A downstream store that fails every call until the test ends the outage.</summary>
    private sealed class Outage
    {
        private volatile bool _over;

        public string? Fail() => _over ? null : throw new TimeoutException("DynamoDB did not answer");

        public void End() => _over = true;
    }
}
