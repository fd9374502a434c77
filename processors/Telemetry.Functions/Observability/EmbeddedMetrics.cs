using System.Text.Json;
using Telemetry.Processing.Metrics;

namespace Telemetry.Functions.Observability;

/// <summary>
/// CloudWatch Embedded Metric Format: a JSON log line whose <c>_aws</c> member tells CloudWatch which of its other
/// members are metrics, in which namespace and by which dimensions. One line carries the counters by <c>Function</c>
/// (a split counter's total among them); a counter split by reason also gets a line per reason, since a line holds
/// one value per dimension.
/// </summary>
internal static class EmbeddedMetrics
{
    public const string FunctionDimension = "Function";
    public const string ReasonDimension = "Reason";

    public static IEnumerable<string> Lines(
        string function, DateTimeOffset at, IReadOnlyList<string> reported, IReadOnlyDictionary<(string Metric, string? Reason), long> counts, TimeSpan? batchAge)
    {
        var plain = counts.Where(c => c.Key.Reason is null).ToDictionary(c => c.Key.Metric, c => (double)c.Value, StringComparer.Ordinal);
        // A split counter's total goes on the function's line too, so that a graph or alarm needs no search expression.
        foreach (var split in counts.Where(c => c.Key.Reason is not null).GroupBy(c => c.Key.Metric, StringComparer.Ordinal))
        {
            plain[split.Key] = split.Sum(c => (double)c.Value);
        }

        // The function's own counters are written even when 0, so a quiet function graphs as 0 rather than as missing data.
        foreach (var name in reported)
        {
            plain.TryAdd(name, 0);
        }

        var units = plain.Keys.ToDictionary(k => k, _ => "Count", StringComparer.Ordinal);
        if (batchAge is { } age)
        {
            plain[FunctionMetricNames.BatchAge] = Math.Round(age.TotalMilliseconds);
            units[FunctionMetricNames.BatchAge] = "Milliseconds";
        }

        yield return Line(function, null, at, plain, units);
        foreach (var split in counts.Where(c => c.Key.Reason is not null).GroupBy(c => c.Key.Reason!, StringComparer.Ordinal))
        {
            var values = split.ToDictionary(c => c.Key.Metric, c => (double)c.Value, StringComparer.Ordinal);
            yield return Line(function, split.Key, at, values, values.Keys.ToDictionary(k => k, _ => "Count", StringComparer.Ordinal));
        }
    }

    private static string Line(string function, string? reason, DateTimeOffset at, Dictionary<string, double> values, Dictionary<string, string> units)
    {
        return JsonLine.Of(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", at.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", FunctionMetricNames.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(FunctionDimension);
            if (reason is not null)
            {
                json.WriteStringValue(ReasonDimension);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var name in values.Keys.Order(StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", units[name]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(FunctionDimension, function);
            if (reason is not null)
            {
                json.WriteString(ReasonDimension, reason);
            }

            foreach (var name in values.Keys.Order(StringComparer.Ordinal))
            {
                json.WriteNumber(name, values[name]);
            }

            json.WriteEndObject();
        });
    }
}
