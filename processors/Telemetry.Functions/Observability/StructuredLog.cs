using System.Globalization;
using System.Text.Json;

namespace Telemetry.Functions.Observability;

/// <summary>
/// One JSON log line per invocation, in the shape Powertools for AWS Lambda logs (level, timestamp, service,
/// function, cold start) plus the batch's shard and sequence range and the invocation's counters, so that CloudWatch
/// Logs Insights can find the invocation that read a given record.
/// </summary>
internal static class StructuredLog
{
    public const string Service = "telemetry";

    public static string Line(
        DateTimeOffset at,
        string level,
        string function,
        string message,
        BatchSpan batch,
        TimeSpan duration,
        bool coldStart,
        IReadOnlyDictionary<(string Metric, string? Reason), long> counts,
        Exception? error)
    {
        return JsonLine.Of(json =>
        {
            json.WriteStartObject();
            json.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", level);
            json.WriteString("service", Service);
            json.WriteString("function", function);
            json.WriteString("message", message);
            json.WriteBoolean("coldStart", coldStart);
            json.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 1));
            if (batch.ShardId is not null)
            {
                json.WriteString("shardId", batch.ShardId);
            }

            if (batch.FirstSequence is not null)
            {
                json.WriteString("firstSequence", batch.FirstSequence);
                json.WriteString("lastSequence", batch.LastSequence);
            }

            json.WriteStartObject("counts");
            foreach (var ((metric, reason), value) in counts.OrderBy(c => c.Key.Metric, StringComparer.Ordinal).ThenBy(c => c.Key.Reason, StringComparer.Ordinal))
            {
                json.WriteNumber(reason is null ? metric : $"{metric}.{reason}", value);
            }

            json.WriteEndObject();
            if (error is not null)
            {
                json.WriteString("error", $"{error.GetType().Name}: {error.Message}");
            }

            json.WriteEndObject();
        });
    }
}
