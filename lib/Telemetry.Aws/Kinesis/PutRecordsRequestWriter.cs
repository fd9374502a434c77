using System.Buffers;
using System.Text.Json;

namespace Telemetry.Aws.Kinesis;

/// <summary>
/// Writes the PutRecords body straight from the entries: base64 is encoded into the output buffer, with no
/// intermediate strings or request objects (this is the producer's hot path, 500 records per call).
/// </summary>
internal static class PutRecordsRequestWriter
{
    private static readonly JsonEncodedText StreamNameProperty = JsonEncodedText.Encode("StreamName");
    private static readonly JsonEncodedText RecordsProperty = JsonEncodedText.Encode("Records");
    private static readonly JsonEncodedText DataProperty = JsonEncodedText.Encode("Data");
    private static readonly JsonEncodedText PartitionKeyProperty = JsonEncodedText.Encode("PartitionKey");
    private static readonly JsonEncodedText ExplicitHashKeyProperty = JsonEncodedText.Encode("ExplicitHashKey");

    /// <summary>An upper bound of the body size for ASCII keys, so the buffer is rented once.</summary>
    public static int EstimateSize(string streamName, IReadOnlyList<PutRecordsEntry> records)
    {
        long size = 64 + streamName.Length;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            size += 64 + ((record.Data.Length + 2) / 3 * 4) + record.PartitionKey.Length + (record.ExplicitHashKey?.Length ?? 0);
        }

        return (int)Math.Min(size, int.MaxValue / 2);
    }

    public static void Write(IBufferWriter<byte> output, string streamName, IReadOnlyList<PutRecordsEntry> records)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString(StreamNameProperty, streamName);
        writer.WriteStartArray(RecordsProperty);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            writer.WriteStartObject();
            writer.WriteBase64String(DataProperty, record.Data.Span);
            writer.WriteString(PartitionKeyProperty, record.PartitionKey);
            if (record.ExplicitHashKey is not null)
            {
                writer.WriteString(ExplicitHashKeyProperty, record.ExplicitHashKey);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
