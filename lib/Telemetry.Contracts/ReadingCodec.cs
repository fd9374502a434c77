using System.Globalization;
using System.Text.Json;

namespace Telemetry.Contracts;

/// <summary>
/// Encodes readings to their wire form: compact UTF-8 JSON and nothing after it. The archive's delivery stream appends
/// the newline that makes its objects NDJSON (docs/reading-contract.md).
/// </summary>
public static class ReadingCodec
{
    /// <summary>Encodes <paramref name="reading"/>; the timestamp is written as UTC ISO-8601 with milliseconds.</summary>
    public static byte[] Encode(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", reading.SchemaVersion);
            writer.WriteString("deviceId", reading.DeviceId);
            writer.WriteString("deviceType", reading.DeviceType);
            writer.WriteString("site", reading.Site);
            writer.WriteString("timestamp", FormatTimestamp(reading.Timestamp));
            writer.WriteNumber("seq", reading.Sequence);
            if (reading.SchemaVersion >= ReadingSchema.BootVersion)
            {
                writer.WriteNumber("boot", reading.Boot);
            }

            writer.WriteStartObject("metrics");
            foreach (var (name, value) in reading.Metrics)
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>UTC, millisecond precision, always with a trailing Z.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads back what <see cref="FormatTimestamp"/> wrote (any ISO-8601 instant; UTC when no offset is given).</summary>
    /// <exception cref="FormatException">The text is not a time.</exception>
    public static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
