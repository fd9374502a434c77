using System.Globalization;
using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// The local on-failure destination: appends one line per skipped batch, exactly the invocation record Lambda sends to
/// an SQS or SNS destination for a Kinesis source (batch metadata only, not the records), so whatever reads the queue
/// can be tried on the file. Why the batch failed is in the function service's log, as it is in CloudWatch Logs on AWS.
/// </summary>
internal sealed class OnFailureDestination(string? path, MappingIdentity identity, TimeProvider time)
{
    // Encoding.UTF8 would start a new file with a byte order mark, which JSON-lines readers take for part of the first line.
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SemaphoreSlim _appendLock = new(1, 1);

    public async Task WriteAsync(
        string shardId,
        IReadOnlyList<KinesisRecord> records,
        SkipCondition condition,
        int invokeCount,
        CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        var line = Format(shardId, records, condition, invokeCount);
        await _appendLock.WaitAsync(cancellationToken);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            await File.AppendAllTextAsync(path, line, Utf8WithoutBom, cancellationToken);
        }
        finally
        {
            _appendLock.Release();
        }
    }

    private string Format(string shardId, IReadOnlyList<KinesisRecord> records, SkipCondition condition, int invokeCount)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("requestContext");
            writer.WriteString("requestId", Guid.NewGuid().ToString());
            writer.WriteString("functionArn", identity.FunctionArn);
            writer.WriteString("condition", condition.ToString());
            writer.WriteNumber("approximateInvokeCount", invokeCount);
            writer.WriteEndObject();
            // Records that aged out may never have reached the function, so Lambda sends no response for them.
            if (condition == SkipCondition.RetryAttemptsExhausted)
            {
                writer.WriteStartObject("responseContext");
                writer.WriteNumber("statusCode", 200);
                writer.WriteString("executedVersion", "$LATEST");
                writer.WriteString("functionError", "Unhandled");
                writer.WriteEndObject();
            }

            writer.WriteString("version", "1.0");
            writer.WriteString("timestamp", Iso(time.GetUtcNow()));
            writer.WriteStartObject("KinesisBatchInfo");
            writer.WriteString("shardId", shardId);
            writer.WriteString("startSequenceNumber", records[0].SequenceNumber);
            writer.WriteString("endSequenceNumber", records[^1].SequenceNumber);
            writer.WriteString("approximateArrivalOfFirstRecord", Iso(records[0].ApproximateArrivalTimestamp));
            writer.WriteString("approximateArrivalOfLastRecord", Iso(records[^1].ApproximateArrivalTimestamp));
            writer.WriteNumber("batchSize", records.Count);
            writer.WriteString("streamArn", identity.StreamArn);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Utf8WithoutBom.GetString(buffer.ToArray()) + "\n";
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
