using System.Text.Json;
using Telemetry.Processing.Metrics;

namespace Telemetry.Local.Service;

/// <summary>
/// The functions' own metrics, added up from the Embedded Metric Format lines they wrote to the function service's
/// log: the lines CloudWatch turns into metrics when deployed (docs/function-metrics.md), so <c>local status</c> shows
/// the same counters the deployment's dashboard does.
/// </summary>
/// <param name="Function">The function.</param>
/// <param name="Invocations">Metric lines it wrote without a reason: one per invocation.</param>
/// <param name="Totals">Each counter summed over its invocations.</param>
/// <param name="RejectedByReason">Records it stored as rejected, by reason.</param>
/// <param name="RejectedLastHour">Of those, the ones in invocations of the last hour.</param>
/// <param name="LastBatchAgeMs">The batch age of its latest invocation that had records.</param>
/// <param name="LastInvocation">When its latest invocation began.</param>
public sealed record FunctionMetricsTotals(
    string Function,
    long Invocations,
    IReadOnlyDictionary<string, long> Totals,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long RejectedLastHour,
    long? LastBatchAgeMs,
    DateTimeOffset? LastInvocation)
{
    /// <summary>Reads the whole log once; a missing log gives nothing, and a line that is not a metric line is skipped.</summary>
    public static Task<IReadOnlyList<FunctionMetricsTotals>> ReadAsync(string logPath, DateTimeOffset now, CancellationToken cancellationToken) =>
        new FunctionMetricsLog(logPath).ReadAsync(now, cancellationToken);

    internal static Line? ParseMetricLine(string text) =>
        text.StartsWith("{\"_aws\"", StringComparison.Ordinal) ? Parse(text) : null;

    private static Line? Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var directive = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
            {
                var name = metric.GetProperty("Name").GetString()!;
                values[name] = root.GetProperty(name).GetDouble();
            }

            return new Line(
                root.GetProperty("Function").GetString()!,
                root.TryGetProperty("Reason", out var reason) ? reason.GetString() : null,
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("_aws").GetProperty("Timestamp").GetInt64()),
                values);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A line cut short while the service was writing it, or one of another shape.
            return null;
        }
    }

    internal sealed record Line(string Function, string? Reason, DateTimeOffset At, Dictionary<string, double> Values);

    internal sealed class Builder(string function)
    {
        private readonly SortedDictionary<string, long> totals = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, long> rejected = new(StringComparer.Ordinal);

        // Rejects of the last hour, oldest first: a reader kept between reads must let them age out.
        private readonly Queue<(DateTimeOffset At, long Count)> recentRejects = new();
        private long invocations;
        private long? lastBatchAge;
        private DateTimeOffset? last;

        public void Add(Line line)
        {
            if (line.Reason is { } reason)
            {
                var count = (long)line.Values.GetValueOrDefault(FunctionMetricNames.RecordsRejected);
                rejected[reason] = rejected.GetValueOrDefault(reason) + count;
                recentRejects.Enqueue((line.At, count));
                return;
            }

            invocations++;
            last = last is { } seen && seen > line.At ? seen : line.At;
            foreach (var (name, value) in line.Values)
            {
                if (name == FunctionMetricNames.BatchAge)
                {
                    lastBatchAge = (long)value;
                }
                else
                {
                    totals[name] = totals.GetValueOrDefault(name) + (long)value;
                }
            }
        }

        public FunctionMetricsTotals Build(DateTimeOffset now)
        {
            var hourAgo = now.AddHours(-1);
            while (recentRejects.TryPeek(out var oldest) && oldest.At <= hourAgo)
            {
                recentRejects.Dequeue();
            }

            // Copies: the builder goes on adding after this snapshot is handed out.
            return new(
                function,
                invocations,
                new SortedDictionary<string, long>(totals, StringComparer.Ordinal),
                new SortedDictionary<string, long>(rejected, StringComparer.Ordinal),
                recentRejects.Where(r => r.At > hourAgo).Sum(r => r.Count),
                lastBatchAge,
                last);
        }
    }
}
