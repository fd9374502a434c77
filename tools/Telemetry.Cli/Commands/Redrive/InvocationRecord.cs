using System.Globalization;
using System.Text.Json;
using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>
/// What Lambda sends to a Kinesis mapping's on-failure destination (the SQS message body, or a line of the local
/// stack's on-failure file): which shard range was skipped, and why. It names the records, it does not carry them.
/// </summary>
public sealed record InvocationRecord(
    string ShardId,
    string StartSequenceNumber,
    string EndSequenceNumber,
    int BatchSize,
    string StreamArn,
    string? Condition)
{
    /// <summary>The stream's name: the last part of <c>arn:aws:kinesis:region:account:stream/NAME</c>.</summary>
    public string StreamName => StreamArn[(StreamArn.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Reads one invocation record; on failure says what is wrong with it, never throws.</summary>
    public static bool TryParse(string text, out InvocationRecord? record, out string error)
    {
        record = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            if (!document.RootElement.TryGetProperty("KinesisBatchInfo", out var info) || info.ValueKind != JsonValueKind.Object)
            {
                error = "no KinesisBatchInfo object (not a Kinesis invocation record)";
                return false;
            }

            var shard = Text(info, "shardId");
            var start = Text(info, "startSequenceNumber");
            var end = Text(info, "endSequenceNumber");
            var arn = Text(info, "streamArn");
            var missing = new[] { ("shardId", shard), ("startSequenceNumber", start), ("endSequenceNumber", end), ("streamArn", arn) }
                .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
            if (missing.Count > 0)
            {
                error = $"KinesisBatchInfo lacks {string.Join(", ", missing)}";
                return false;
            }

            if (!SequenceNumber.TryParse(start, out var first) || !SequenceNumber.TryParse(end, out var last))
            {
                error = $"sequence numbers '{start}'..'{end}' are not decimal Kinesis sequence numbers";
                return false;
            }

            if (first > last)
            {
                error = $"startSequenceNumber {start} is after endSequenceNumber {end}";
                return false;
            }

            if (!info.TryGetProperty("batchSize", out var size) || !size.TryGetInt32(out var batchSize) || batchSize < 1)
            {
                error = "KinesisBatchInfo.batchSize is not a positive integer";
                return false;
            }

            if (!arn!.StartsWith("arn:", StringComparison.Ordinal) || !arn.Contains(":stream/", StringComparison.Ordinal) || arn.EndsWith('/'))
            {
                error = $"streamArn '{arn}' is not a Kinesis stream ARN";
                return false;
            }

            var condition = document.RootElement.TryGetProperty("requestContext", out var request) && request.ValueKind == JsonValueKind.Object
                ? Text(request, "condition")
                : null;
            record = new InvocationRecord(shard!, start!, end!, batchSize, arn, condition);
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"not JSON: {ex.Message}";
            return false;
        }
    }

    /// <summary>For messages: shard and range.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ShardId} {StartSequenceNumber}..{EndSequenceNumber} ({BatchSize} records)");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
