using System.Net;
using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Kinesis;

public class KinesisClientProtocolTests
{
    [Fact]
    public async Task DescribeStreamSummaryAsync_Always_SendsSignedJson11PostWithTarget()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """
            {"StreamDescriptionSummary":{"StreamName":"s","StreamARN":"arn:aws:kinesis:eu-west-1:1:stream/s","StreamStatus":"ACTIVE","OpenShardCount":2,"RetentionPeriodHours":24}}
            """);
        using var client = KinesisClients.Create(handler);

        // Act
        var summary = await client.DescribeStreamSummaryAsync("s");

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(KinesisClients.Endpoint, request.Uri);
        Assert.Equal("Kinesis_20131202.DescribeStreamSummary", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization, StringComparison.Ordinal);
        Assert.Contains("Credential=AKIDEXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{KinesisClients.Region}/kinesis/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-target", authorization, StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
        Assert.Equal("""{"StreamName":"s"}""", request.Body);
        Assert.Equal(new StreamSummary("s", "arn:aws:kinesis:eu-west-1:1:stream/s", "ACTIVE", 2, 24), summary);
    }

    [Fact]
    public async Task CreateStreamAsync_Always_SendsNameAndShardCount()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, "");
        using var client = KinesisClients.Create(handler);

        // Act
        await client.CreateStreamAsync("telemetry", 4);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal("Kinesis_20131202.CreateStream", request.Target);
        Assert.Equal("""{"StreamName":"telemetry","ShardCount":4}""", request.Body);
    }

    [Fact]
    public async Task PutRecordsAsync_BinaryDataAndKeys_WritesBase64AndReportsPerEntryFailures()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """
            {"FailedRecordCount":1,"Records":[
              {"SequenceNumber":"49590338271490256608559692538361571095921575989136588898","ShardId":"shardId-000000000000"},
              {"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard"}]}
            """);
        using var client = KinesisClients.Create(handler);
        byte[] binary = [0, 1, 2, 250, 255];
        var entries = new[]
        {
            new PutRecordsEntry(Encoding.UTF8.GetBytes("{\"a\":1}\n"), "device-\"1\""),
            new PutRecordsEntry(binary, "device-2", "170141183460469231731687303715884105728"),
        };

        // Act
        var result = await client.PutRecordsAsync("telemetry", entries);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal("Kinesis_20131202.PutRecords", request.Target);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("telemetry", body.RootElement.GetProperty("StreamName").GetString());
        var records = body.RootElement.GetProperty("Records");
        Assert.Equal(2, records.GetArrayLength());
        Assert.Equal(Convert.ToBase64String(entries[0].Data.Span), records[0].GetProperty("Data").GetString());
        Assert.Equal("device-\"1\"", records[0].GetProperty("PartitionKey").GetString());
        Assert.False(records[0].TryGetProperty("ExplicitHashKey", out _));
        Assert.Equal(binary, records[1].GetProperty("Data").GetBytesFromBase64());
        Assert.Equal("170141183460469231731687303715884105728", records[1].GetProperty("ExplicitHashKey").GetString());

        Assert.Equal(1, result.FailedRecordCount);
        Assert.True(result.Entries[0].Succeeded);
        Assert.Equal("shardId-000000000000", result.Entries[0].ShardId);
        Assert.False(result.Entries[1].Succeeded);
        Assert.Equal("ProvisionedThroughputExceededException", result.Entries[1].ErrorCode);
    }

    [Fact]
    public async Task PutRecordsAsync_FiveHundredLargeRecords_RoundTripsEveryByte()
    {
        // Arrange
        var random = new Random(7);
        var entries = Enumerable.Range(0, KinesisClient.MaxRecordsPerPut).Select(i =>
        {
            var data = new byte[random.Next(1, 2_000)];
            random.NextBytes(data);
            return new PutRecordsEntry(data, $"device-{i}");
        }).ToArray();
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"FailedRecordCount":0,"Records":[]}""");
        using var client = KinesisClients.Create(handler);

        // Act
        await client.PutRecordsAsync("telemetry", entries);

        // Assert
        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var records = body.RootElement.GetProperty("Records").EnumerateArray().ToArray();
        Assert.Equal(entries.Length, records.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i].Data.ToArray(), records[i].GetProperty("Data").GetBytesFromBase64());
            Assert.Equal(entries[i].PartitionKey, records[i].GetProperty("PartitionKey").GetString());
        }
    }

    [Fact]
    public async Task PutRecordsAsync_MoreThanFiveHundredRecords_ThrowsBeforeSending()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        using var client = KinesisClients.Create(handler);
        var entries = Enumerable.Range(0, 501).Select(i => new PutRecordsEntry(new byte[] { 1 }, "k")).ToArray();

        // Act
        var act = () => client.PutRecordsAsync("telemetry", entries);

        // Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(act);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(ShardIteratorType.TrimHorizon, "TRIM_HORIZON")]
    [InlineData(ShardIteratorType.Latest, "LATEST")]
    public async Task GetShardIteratorAsync_PositionWithoutArguments_SendsOnlyType(ShardIteratorType type, string wireName)
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"ShardIterator":"it-1"}""");
        using var client = KinesisClients.Create(handler);

        // Act
        var iterator = await client.GetShardIteratorAsync("s", "shardId-000000000001", new ShardIteratorPosition(type));

        // Assert
        Assert.Equal("it-1", iterator);
        Assert.Equal($$"""{"StreamName":"s","ShardId":"shardId-000000000001","ShardIteratorType":"{{wireName}}"}""", handler.Requests[0].Body);
    }

    [Fact]
    public async Task GetShardIteratorAsync_AfterSequenceNumber_SendsSequenceNumberAsString()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"ShardIterator":"it"}""");
        using var client = KinesisClients.Create(handler);
        const string sequence = "49590338271490256608559692538361571095921575989136588898";

        // Act
        await client.GetShardIteratorAsync("s", "shardId-000000000000", ShardIteratorPosition.AfterSequenceNumber(sequence));

        // Assert
        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        Assert.Equal("AFTER_SEQUENCE_NUMBER", body.RootElement.GetProperty("ShardIteratorType").GetString());
        Assert.Equal(sequence, body.RootElement.GetProperty("StartingSequenceNumber").GetString());
    }

    [Fact]
    public async Task GetShardIteratorAsync_AtTimestamp_SendsEpochSecondsWithFraction()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """{"ShardIterator":"it"}""");
        using var client = KinesisClients.Create(handler);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123).AddTicks(4_500);

        // Act
        await client.GetShardIteratorAsync("s", "shardId-000000000000", ShardIteratorPosition.AtTimestamp(timestamp));

        // Assert
        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var sent = body.RootElement.GetProperty("Timestamp");
        Assert.Equal(JsonValueKind.Number, sent.ValueKind);
        Assert.Equal(1_700_000_000.12345m, sent.GetDecimal());
        Assert.False(body.RootElement.TryGetProperty("StartingSequenceNumber", out _));
    }

    [Fact]
    public async Task GetRecordsAsync_ClosedShardResponse_MapsRecordsAndChildShards()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, """
            {"Records":[{"SequenceNumber":"1","ApproximateArrivalTimestamp":1.700000000123E9,"Data":"AAH/","PartitionKey":"d1"}],
             "MillisBehindLatest":42,
             "ChildShards":[{"ShardId":"shardId-000000000002","ParentShards":["shardId-000000000000"],
                             "HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"1"}}]}
            """);
        using var client = KinesisClients.Create(handler);

        // Act
        var result = await client.GetRecordsAsync("iterator", 100);

        // Assert
        Assert.Equal("""{"ShardIterator":"iterator","Limit":100}""", handler.Requests[0].Body);
        var record = Assert.Single(result.Records);
        Assert.Equal("1", record.SequenceNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), record.ApproximateArrivalTimestamp);
        Assert.Equal(new byte[] { 0, 1, 255 }, record.Data.ToArray());
        Assert.Equal("d1", record.PartitionKey);
        Assert.Null(result.NextShardIterator);
        Assert.Equal(42, result.MillisBehindLatest);
        var child = Assert.Single(result.ChildShards);
        Assert.Equal("shardId-000000000002", child.ShardId);
        Assert.Equal(["shardId-000000000000"], child.ParentShards);
    }

    [Fact]
    public async Task ListShardsAsync_TwoPages_FollowsNextTokenWithoutStreamName()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, """
                {"Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"9"},
                            "SequenceNumberRange":{"StartingSequenceNumber":"1","EndingSequenceNumber":"5"}}],
                 "NextToken":"page-2"}
                """)
            .Respond(HttpStatusCode.OK, """
                {"Shards":[{"ShardId":"shardId-000000000001","ParentShardId":"shardId-000000000000",
                            "HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"4"},
                            "SequenceNumberRange":{"StartingSequenceNumber":"6"}}]}
                """);
        using var client = new KinesisClient(KinesisClients.Options(handler) with { ListShardsPageSize = 1 });

        // Act
        var shards = await client.ListShardsAsync("s");

        // Assert
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("""{"StreamName":"s","MaxResults":1}""", handler.Requests[0].Body);
        Assert.Equal("""{"NextToken":"page-2","MaxResults":1}""", handler.Requests[1].Body);
        Assert.Equal(["shardId-000000000000", "shardId-000000000001"], shards.Select(s => s.ShardId));
        Assert.True(shards[0].IsClosed);
        Assert.False(shards[1].IsClosed);
        Assert.Equal("shardId-000000000000", shards[1].ParentShardId);
    }

    [Fact]
    public async Task SplitShardAsync_Always_SendsShardToSplitAndHashKey()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, "");
        using var client = KinesisClients.Create(handler);

        // Act
        await client.SplitShardAsync("s", "shardId-000000000000", "170141183460469231731687303715884105728");

        // Assert
        Assert.Equal("Kinesis_20131202.SplitShard", handler.Requests[0].Target);
        Assert.Equal("""{"StreamName":"s","ShardToSplit":"shardId-000000000000","NewStartingHashKey":"170141183460469231731687303715884105728"}""", handler.Requests[0].Body);
    }
}
