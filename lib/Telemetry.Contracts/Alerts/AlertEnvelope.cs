using System.Text.Json;

namespace Telemetry.Contracts.Alerts;

/// <summary>
/// An alert event as a subscriber receives it: the EventBridge envelope (<c>source</c>, <c>detail-type</c>,
/// <c>time</c>, <c>detail</c>), which the rule delivers to a queue as is and the topic passes on unchanged with raw
/// delivery (docs/alert-events.md).
/// </summary>
public static class AlertEnvelope
{
    /// <summary>Reads a message body; false with the problem for anything that is not an alert event of ours.</summary>
    public static bool TryParse(string body, out AlertEvent? alert, out string problem)
    {
        ArgumentNullException.ThrowIfNull(body);
        alert = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the message is not a JSON object";
                return false;
            }

            var source = Text(root, "source");
            if (source != AlertEventTypes.Source)
            {
                problem = source is null ? "the message has no 'source'" : $"source '{source}' is not {AlertEventTypes.Source}";
                return false;
            }

            if (Text(root, "detail-type") is not { } detailType)
            {
                problem = "the message has no 'detail-type'";
                return false;
            }

            if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object)
            {
                problem = "the message has no 'detail' object";
                return false;
            }

            return AlertEventCodec.TryDecode(detailType, detail.GetRawText(), out alert, out problem);
        }
        catch (JsonException e)
        {
            problem = $"the message is not JSON ({e.Message})";
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
