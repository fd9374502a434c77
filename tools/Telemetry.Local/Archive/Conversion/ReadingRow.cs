using System.Text.Json;

namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// One row of the Glue table Firehose converts readings against: every column optional, as the SerDe leaves a field
/// the record lacks null. Metric entries keep their order; a metric's value may be null too.
/// </summary>
internal sealed record ReadingRow(
    int? SchemaVersion,
    string? DeviceId,
    string? DeviceType,
    string? Site,
    string? Timestamp,
    long? Seq,
    long? Boot,
    IReadOnlyList<KeyValuePair<string, double?>>? Metrics)
{
    /// <summary>
    /// The row as a compact JSON reading under the contract's field names, so the reading decoder reads it back;
    /// a null column is left out, as the field was missing (a version 1 reading has no boot).
    /// </summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteNumber(writer, ReadingColumns.SchemaVersion, SchemaVersion);
            WriteString(writer, ReadingColumns.DeviceId, DeviceId);
            WriteString(writer, ReadingColumns.DeviceType, DeviceType);
            WriteString(writer, ReadingColumns.Site, Site);
            WriteString(writer, ReadingColumns.Timestamp, Timestamp);
            WriteNumber(writer, ReadingColumns.Seq, Seq);
            WriteNumber(writer, ReadingColumns.Boot, Boot);
            if (Metrics is not null)
            {
                writer.WriteStartObject(ReadingColumns.Metrics.JsonName);
                foreach (var (name, value) in Metrics)
                {
                    if (value is { } number)
                    {
                        writer.WriteNumber(name, number);
                    }
                    else
                    {
                        writer.WriteNull(name);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteString(Utf8JsonWriter writer, ReadingColumn column, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(column.JsonName, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadingColumn column, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(column.JsonName, number);
        }
    }
}
