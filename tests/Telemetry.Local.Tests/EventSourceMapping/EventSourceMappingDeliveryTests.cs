using System.Text.Json;
using System.Text.RegularExpressions;
using Telemetry.Functions.Events;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Tests.EventSourceMapping;

[Collection(EventSourceMappingCollection.Name)]
public sealed class EventSourceMappingDeliveryTests(EventSourceMappingKinesisFixture fixture)
{
    // The sample event of the Lambda developer guide ("Using AWS Lambda with Amazon Kinesis"), trimmed to one record.
    private const string DocumentedSample = """
        {
            "Records": [
                {
                    "kinesis": {
                        "kinesisSchemaVersion": "1.0",
                        "partitionKey": "1",
                        "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                        "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
                        "approximateArrivalTimestamp": 1545084650.987
                    },
                    "eventSource": "aws:kinesis",
                    "eventVersion": "1.0",
                    "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
                    "eventName": "aws:kinesis:record",
                    "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                    "awsRegion": "us-east-2",
                    "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
                }
            ]
        }
        """;

    [Fact]
    public async Task StartAsync_RecordsOnTwoShards_DeliversEachRecordOnceInOrderPerShard()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 2);
        var first = await stream.PutAsync(Enumerable.Range(0, 25).Select(i => $"a-{i}"), HostHarness.FirstShardHashKey);
        var last = await stream.PutAsync(Enumerable.Range(0, 25).Select(i => $"b-{i}"), HostHarness.LastShardHashKey);
        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast with { BatchSize = 10 }, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets([.. first, .. last]), HostHarness.CatchUpDeadline);

        var delivered = handler.Invocations.SelectMany(invocation => invocation.Records).ToList();
        Assert.Equal(first.Select(r => r.SequenceNumber), delivered.Where(r => r.ShardId == first[0].ShardId).Select(r => r.SequenceNumber));
        Assert.Equal(last.Select(r => r.SequenceNumber), delivered.Where(r => r.ShardId == last[0].ShardId).Select(r => r.SequenceNumber));
        Assert.Equal(50, delivered.Count);
        Assert.NotEqual(first[0].ShardId, last[0].ShardId);
        Assert.All(handler.Invocations, invocation => Assert.Single(invocation.Records.Select(r => r.ShardId).Distinct()));
        Assert.Equal(new EventSourceMappingStats(handler.Invocations.Count, 50, 0, 0, 0), host.Stats with { BilledMilliseconds = 0 });
        // Each invocation is billed as Lambda bills it: rounded up to the millisecond, so at least one.
        Assert.InRange(host.Stats.BilledMilliseconds, handler.Invocations.Count, long.MaxValue);
    }

    [Fact]
    public async Task StartAsync_OneRecord_EventMatchesTheDocumentedSampleFieldByField()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var before = TimeProvider.System.GetUtcNow();
        var payload = "{\"deviceId\":\"dev-ü\",\"value\":21.5}\n";
        var put = await stream.PutAsync([payload], partitionKey: "dev-42");
        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        using var sample = JsonDocument.Parse(DocumentedSample);
        using var actual = JsonDocument.Parse(handler.Invocations.Single().Json);
        var sampleRecord = sample.RootElement.GetProperty("Records")[0];
        var record = actual.RootElement.GetProperty("Records").EnumerateArray().Single();
        var kinesis = record.GetProperty("kinesis");
        Assert.Equal(Shape(sample.RootElement), Shape(actual.RootElement));
        Assert.Equal(Shape(sampleRecord), Shape(record));
        Assert.Equal(Shape(sampleRecord.GetProperty("kinesis")), Shape(kinesis));
        foreach (var constant in new[] { "eventSource", "eventVersion", "eventName" })
        {
            Assert.Equal(sampleRecord.GetProperty(constant).GetString(), record.GetProperty(constant).GetString());
        }

        Assert.Equal("1.0", kinesis.GetProperty("kinesisSchemaVersion").GetString());
        Assert.Equal("dev-42", kinesis.GetProperty("partitionKey").GetString());
        Assert.Equal(put[0].SequenceNumber, kinesis.GetProperty("sequenceNumber").GetString());
        Assert.Equal(put[0].Data, Convert.FromBase64String(kinesis.GetProperty("data").GetString()!));
        Assert.Equal($"{put[0].ShardId}:{put[0].SequenceNumber}", record.GetProperty("eventID").GetString());
        Assert.Matches(@"^shardId-\d{12}:\d+$", record.GetProperty("eventID").GetString());
        Assert.Matches(@"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$", record.GetProperty("invokeIdentityArn").GetString());
        Assert.Equal(HostHarness.Region, record.GetProperty("awsRegion").GetString());
        Assert.Equal(stream.Arn, record.GetProperty("eventSourceARN").GetString());
        var timestamp = kinesis.GetProperty("approximateArrivalTimestamp");
        Assert.Matches(new Regex(@"^\d{10}\.\d{3}$"), timestamp.GetRawText());
        var arrival = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(timestamp.GetDouble() * 1000));
        Assert.InRange(arrival, before.AddSeconds(-5), TimeProvider.System.GetUtcNow().AddSeconds(5));
    }

    [Fact]
    public async Task StartAsync_EventJson_ReadsBackThroughTheFunctionsEventContract()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(["one", "two", "three"]);
        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        var events = handler.Invocations.Select(i => JsonSerializer.Deserialize(i.Json, LambdaEventJsonContext.Default.KinesisEvent)!).ToList();
        var records = events.SelectMany(e => e.Records).ToList();
        Assert.Equal(put.Select(p => p.SequenceNumber), records.Select(r => r.Kinesis.SequenceNumber));
        Assert.Equal(["one", "two", "three"], records.Select(r => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(r.Kinesis.Data))));
        Assert.All(records, r => Assert.Equal("aws:kinesis:record", r.EventName));
    }

    [Fact]
    public async Task StartAsync_BatchSizeThree_DeliversFullBatchesThenTheRest()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var put = await stream.PutAsync(Enumerable.Range(0, 10).Select(i => $"r-{i}"));
        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast with { BatchSize = 3 }, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal([3, 3, 3, 1], handler.Invocations.Select(i => i.Records.Count));
    }

    [Fact]
    public async Task StartAsync_RecordsPastSixMegabytes_CutIntoInvocationsLambdaWouldAccept()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        // Ten records of 700 KB (aggregated records come this large): 9.3 MB of base64 in one batch of BatchSize 100.
        var put = new List<PutRecord>();
        foreach (var i in Enumerable.Range(0, 10))
        {
            put.AddRange(await stream.PutAsync([$"{i}{new string('x', 700 * 1024)}"]));
        }

        var handler = new RecordingHandler();
        await using var host = HostHarness.Create(fixture, stream, handler, HostHarness.Fast with { BatchSize = 100 }, new FileCheckpointStore(fixture.NewTestDirectory()));

        await host.StartAsync();
        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.True(handler.Invocations.Count >= 2, $"{handler.Invocations.Count} invocation(s)");
        Assert.All(handler.Invocations, i => Assert.True(System.Text.Encoding.UTF8.GetByteCount(i.Json) <= 6 * 1024 * 1024, $"an event of {i.Json.Length:N0} bytes"));
        Assert.Equal(put.Select(p => p.SequenceNumber), handler.Invocations.SelectMany(i => i.Records).Select(r => r.SequenceNumber));
    }

    [Fact]
    public async Task StartAsync_BatchingWindow_GathersRecordsPutDuringTheWindowIntoOneBatch()
    {
        var stream = await fixture.CreateStreamAsync(shardCount: 1);
        var handler = new RecordingHandler();
        var settings = HostHarness.Fast with { BatchSize = 100, MaximumBatchingWindow = TimeSpan.FromSeconds(2) };
        await using var host = HostHarness.Create(fixture, stream, handler, settings, new FileCheckpointStore(fixture.NewTestDirectory()));
        await host.StartAsync();

        var put = new List<PutRecord>();
        foreach (var i in Enumerable.Range(0, 4))
        {
            put.AddRange(await stream.PutAsync([$"w-{i}"]));
        }

        await host.WaitUntilCaughtUpAsync(TestStream.Targets(put), HostHarness.CatchUpDeadline);

        Assert.Equal(4, Assert.Single(handler.Invocations).Records.Count);
    }

    private static string[] Shape(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}")];
}
