using System.Text;
using System.Text.Json;

namespace Telemetry.Contracts.Alerts;

/// <summary>
/// The JSON of an alert event's <c>detail</c>, version 1. Absent fields are left out rather than written as null,
/// so a threshold event and a silence event each carry only what applies to them.
/// </summary>
public static class AlertEventCodec
{
    public const int Version = 1;

    public static string EncodeDetail(AlertEvent alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("episodeId", alert.EpisodeId);
            writer.WriteString("deviceId", alert.DeviceId);
            writer.WriteString("deviceType", alert.DeviceType);
            writer.WriteString("site", alert.Site);
            Text(writer, "ruleId", alert.RuleId);
            Text(writer, "severity", alert.Severity);
            Text(writer, "metric", alert.Metric);
            Text(writer, "direction", alert.Direction);
            Number(writer, "value", alert.Value);
            Number(writer, "threshold", alert.Threshold);
            Number(writer, "clearLevel", alert.ClearLevel);
            Time(writer, "lastSeenAt", alert.LastSeenAt);
            if (alert.SilentAfter is { } after)
            {
                writer.WriteString("silentAfter", Durations.Format(after));
            }

            writer.WriteString("startedAt", ReadingCodec.FormatTimestamp(alert.StartedAt));
            Time(writer, "raisedAt", alert.RaisedAt);
            Time(writer, "endedAt", alert.EndedAt);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a detail of <paramref name="detailType"/>; false with the problem for anything else.</summary>
    public static bool TryDecode(string detailType, string detail, out AlertEvent? alert, out string problem)
    {
        alert = null;
        if (!AlertEventTypes.All.Contains(detailType))
        {
            problem = $"'{detailType}' is not an alert event type ({string.Join(", ", AlertEventTypes.All)})";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(detail);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.GetInt32() != Version)
            {
                problem = $"the detail is not a version {Version} alert event";
                return false;
            }

            alert = new AlertEvent(
                detailType,
                Required(root, "episodeId"),
                Required(root, "deviceId"),
                Required(root, "deviceType"),
                Required(root, "site"),
                Timestamp(root, "startedAt") ?? throw new FormatException("startedAt is missing"))
            {
                EndedAt = Timestamp(root, "endedAt"),
                RuleId = Optional(root, "ruleId"),
                Severity = Optional(root, "severity"),
                Metric = Optional(root, "metric"),
                Direction = Optional(root, "direction"),
                Value = OptionalNumber(root, "value"),
                Threshold = OptionalNumber(root, "threshold"),
                ClearLevel = OptionalNumber(root, "clearLevel"),
                RaisedAt = Timestamp(root, "raisedAt"),
                LastSeenAt = Timestamp(root, "lastSeenAt"),
                SilentAfter = Optional(root, "silentAfter") is { } text
                    ? (Durations.TryParse(text, out var after) ? after : throw new FormatException($"silentAfter '{text}' is not a duration"))
                    : null,
            };
            problem = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            problem = $"the detail is not a valid alert event: {e.Message}";
            return false;
        }
    }

    private static void Text(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void Time(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, ReadingCodec.FormatTimestamp(time));
        }
    }

    private static string Required(JsonElement root, string name) =>
        Optional(root, name) ?? throw new FormatException($"{name} is missing");

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? OptionalNumber(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static DateTimeOffset? Timestamp(JsonElement root, string name) =>
        Optional(root, name) is { } text
            ? ReadingCodec.ParseTimestamp(text)
            : null;
}
