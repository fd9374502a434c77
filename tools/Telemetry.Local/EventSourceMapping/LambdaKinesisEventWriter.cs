using System.Globalization;
using System.Text.Json;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Writes the Kinesis event exactly as Lambda delivers it, field order included. Written by hand rather than
/// serialized so the arrival timestamp keeps its millisecond fraction ("1545084650.000", not "1545084650").
/// </summary>
internal static class LambdaKinesisEventWriter
{
    public static byte[] Write(MappingIdentity identity, string shardId, IReadOnlyList<KinesisRecord> records, TumblingInvocation? tumbling = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Records");
            foreach (var record in records)
            {
                WriteRecord(writer, identity, shardId, record);
            }

            writer.WriteEndArray();
            if (tumbling is not null)
            {
                WriteWindow(writer, identity, shardId, tumbling);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // The tumbling-window fields, in the order of Lambda's documented KinesisTimeWindowEvent.
    private static void WriteWindow(Utf8JsonWriter writer, MappingIdentity identity, string shardId, TumblingInvocation tumbling)
    {
        writer.WriteStartObject("window");
        writer.WriteString("start", tumbling.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteString("end", tumbling.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WritePropertyName("state");
        writer.WriteRawValue(tumbling.State);
        writer.WriteString("shardId", shardId);
        writer.WriteString("eventSourceARN", identity.StreamArn);
        writer.WriteBoolean("isFinalInvokeForWindow", tumbling.IsFinal);
        writer.WriteBoolean("isWindowTerminatedEarly", tumbling.IsTerminatedEarly);
    }

    public static string FormatArrivalTimestamp(DateTimeOffset arrival)
    {
        var milliseconds = arrival.ToUnixTimeMilliseconds();
        var seconds = Math.DivRem(milliseconds, 1000, out var fraction);
        if (fraction < 0)
        {
            seconds -= 1;
            fraction += 1000;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:D3}");
    }

    private static void WriteRecord(Utf8JsonWriter writer, MappingIdentity identity, string shardId, KinesisRecord record)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("kinesis");
        writer.WriteString("kinesisSchemaVersion", "1.0");
        writer.WriteString("partitionKey", record.PartitionKey);
        writer.WriteString("sequenceNumber", record.SequenceNumber);
        writer.WriteBase64String("data", record.Data.Span);
        writer.WritePropertyName("approximateArrivalTimestamp");
        writer.WriteRawValue(FormatArrivalTimestamp(record.ApproximateArrivalTimestamp), skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteString("eventSource", "aws:kinesis");
        writer.WriteString("eventVersion", "1.0");
        writer.WriteString("eventID", $"{shardId}:{record.SequenceNumber}");
        writer.WriteString("eventName", "aws:kinesis:record");
        writer.WriteString("invokeIdentityArn", identity.InvokeIdentityArn);
        writer.WriteString("awsRegion", identity.Region);
        writer.WriteString("eventSourceARN", identity.StreamArn);
        writer.WriteEndObject();
    }
}

/// <summary>What a tumbling-window invocation adds to the event: the window, the state (a JSON object) and the two flags.</summary>
internal sealed record TumblingInvocation(DateTimeOffset Start, DateTimeOffset End, string State, bool IsFinal, bool IsTerminatedEarly);
