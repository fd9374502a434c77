using Telemetry.Cli.Commands.Redrive;

namespace Telemetry.Cli.Tests.Redrive;

public sealed class InvocationRecordTests
{
    // The invocation record Lambda sends to a Kinesis mapping's on-failure destination (AWS documentation's shape).
    public const string Sample = """{"requestContext":{"requestId":"c9b8fa9f-5a7f-4c5a-a9b6-3b4a1c1e5f10","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:telemetry-aggregator","condition":"RetryAttemptsExhausted","approximateInvokeCount":3},"responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},"version":"1.0","timestamp":"2026-11-26T04:12:09.021Z","KinesisBatchInfo":{"shardId":"shardId-000000000001","startSequenceNumber":"49601189658422359378836298521827638475320189012309704722","endSequenceNumber":"49601189658422359378836298522902373528957594348623495186","approximateArrivalOfFirstRecord":"2026-11-26T04:10:01.123Z","approximateArrivalOfLastRecord":"2026-11-26T04:10:02.456Z","batchSize":500,"streamArn":"arn:aws:kinesis:us-east-1:123456789012:stream/telemetry"}}""";

    [Fact]
    public void TryParse_LambdaInvocationRecord_ReadsRangeSizeStreamAndCondition()
    {
        var parsed = InvocationRecord.TryParse(Sample, out var record, out var error);

        Assert.True(parsed, error);
        Assert.Equal(
            new InvocationRecord(
                "shardId-000000000001",
                "49601189658422359378836298521827638475320189012309704722",
                "49601189658422359378836298522902373528957594348623495186",
                500,
                "arn:aws:kinesis:us-east-1:123456789012:stream/telemetry",
                "RetryAttemptsExhausted"),
            record);
        Assert.Equal("telemetry", record!.StreamName);
    }

    [Fact]
    public void TryParse_RecordAgeExceededWithoutResponseContext_Reads()
    {
        var text = Sample.Replace("RetryAttemptsExhausted", "RecordAgeExceeded", StringComparison.Ordinal)
            .Replace("""
                "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
                """, "", StringComparison.Ordinal);

        Assert.True(InvocationRecord.TryParse(text, out var record, out _));
        Assert.Equal("RecordAgeExceeded", record!.Condition);
    }

    [Theory]
    [InlineData("{oops", "not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"version":"1.0"}""", "no KinesisBatchInfo")]
    [InlineData("""{"KinesisBatchInfo":{"shardId":"s","startSequenceNumber":"1","batchSize":1,"streamArn":"arn:aws:kinesis:r:1:stream/t"}}""", "lacks endSequenceNumber")]
    [InlineData("""{"KinesisBatchInfo":{"shardId":"s","startSequenceNumber":"1x","endSequenceNumber":"2","batchSize":1,"streamArn":"arn:aws:kinesis:r:1:stream/t"}}""", "not decimal Kinesis sequence numbers")]
    [InlineData("""{"KinesisBatchInfo":{"shardId":"s","startSequenceNumber":"30","endSequenceNumber":"4","batchSize":1,"streamArn":"arn:aws:kinesis:r:1:stream/t"}}""", "is after endSequenceNumber")]
    [InlineData("""{"KinesisBatchInfo":{"shardId":"s","startSequenceNumber":"1","endSequenceNumber":"2","batchSize":0,"streamArn":"arn:aws:kinesis:r:1:stream/t"}}""", "batchSize is not a positive integer")]
    [InlineData("""{"KinesisBatchInfo":{"shardId":"s","startSequenceNumber":"1","endSequenceNumber":"2","batchSize":2,"streamArn":"telemetry"}}""", "is not a Kinesis stream ARN")]
    public void TryParse_NotAnInvocationRecord_SaysWhy(string text, string expected)
    {
        var parsed = InvocationRecord.TryParse(text, out var record, out var error);

        Assert.False(parsed);
        Assert.Null(record);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
