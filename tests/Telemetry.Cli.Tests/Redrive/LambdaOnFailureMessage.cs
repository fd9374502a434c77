using System.Text.Json;

namespace Telemetry.Cli.Tests.Redrive;

/// <summary>
/// The message Lambda sends to a Kinesis mapping's SQS on-failure destination, field for field as the Lambda developer
/// guide documents it ("Retain discarded batch records for a Kinesis Data Streams event source").
/// </summary>
internal static class LambdaOnFailureMessage
{
    public static string Body(string shardId, string start, string end, int batchSize, string streamArn, bool recordAgeExceeded = false)
    {
        var requestContext = new Dictionary<string, object>
        {
            ["requestId"] = Guid.NewGuid().ToString(),
            ["functionArn"] = "arn:aws:lambda:us-east-1:123456789012:function:telemetry-aggregator",
            ["condition"] = recordAgeExceeded ? "RecordAgeExceeded" : "RetryAttemptsExhausted",
            ["approximateInvokeCount"] = recordAgeExceeded ? 0 : 3,
        };
        var body = new Dictionary<string, object> { ["requestContext"] = requestContext };

        // Records too old to deliver may never have reached the function: Lambda then sends no responseContext.
        if (!recordAgeExceeded)
        {
            body["responseContext"] = new Dictionary<string, object>
            {
                ["statusCode"] = 200,
                ["executedVersion"] = "$LATEST",
                ["functionError"] = "Unhandled",
            };
        }

        body["version"] = "1.0";
        body["timestamp"] = "2026-11-26T00:38:06.021Z";
        body["KinesisBatchInfo"] = new Dictionary<string, object>
        {
            ["shardId"] = shardId,
            ["startSequenceNumber"] = start,
            ["endSequenceNumber"] = end,
            ["approximateArrivalOfFirstRecord"] = "2026-11-26T00:38:04.835Z",
            ["approximateArrivalOfLastRecord"] = "2026-11-26T00:38:05.580Z",
            ["batchSize"] = batchSize,
            ["streamArn"] = streamArn,
        };
        return JsonSerializer.Serialize(body);
    }
}
