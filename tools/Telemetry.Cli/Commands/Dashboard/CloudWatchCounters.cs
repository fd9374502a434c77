using System.Globalization;
using Telemetry.Aws.CloudWatch;
using Telemetry.Processing.Metrics;

namespace Telemetry.Cli.Commands.Dashboard;

/// <summary>
/// The deployed functions' own counters (docs/function-metrics.md) over the last <see cref="Window"/>, read back from
/// CloudWatch, where their metric lines become metrics. GetMetricData is billed per metric asked for, so an answer is
/// kept for <see cref="KeptFor"/> whatever the page's polling: 19 metrics a call for three functions, at most 1,140 an hour.
/// </summary>
internal sealed class CloudWatchCounters(ICloudWatchClient cloudWatch, IReadOnlyDictionary<string, string> functionNames, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    // The batch age shown is the largest of these last minutes: one slow minute is what an operator looks for.
    private static readonly TimeSpan BatchAgeWindow = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<FunctionCountersRow>? Rows, Exception? Error)? kept;

    /// <summary>What each function counts, by the key the stack's outputs name it with.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Counted { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["aggregator"] = FunctionMetricNames.Aggregator,
        ["alerter"] = FunctionMetricNames.Alerter,
        ["watchdog"] = FunctionMetricNames.Watchdog,
    };

    public async Task<IReadOnlyList<FunctionCountersRow>> ReadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (kept is { } answer && now - answer.At < KeptFor)
            {
                return answer.Rows ?? throw answer.Error!;
            }

            try
            {
                var rows = await QueryAsync(now, cancellationToken);
                kept = (now, rows, null);
                return rows;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A refusal is kept as long as an answer: a page polling every 5 s must not turn into 12 calls a minute.
                kept = (now, null, e);
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<FunctionCountersRow>> QueryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var functions = functionNames.Where(f => Counted.ContainsKey(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (functions.Count == 0)
        {
            return [];
        }

        // The 23 whole hours before this one and this one so far: CloudWatch lines an hour's datapoint up with the hour.
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var start = hour - Window + TimeSpan.FromHours(1);
        var queries = new List<MetricQuery>();
        foreach (var (key, name) in functions)
        {
            var dimensions = new Dictionary<string, string> { ["Function"] = name };
            var counted = Counted[key];
            queries.Add(new(Id(key, "invocations"), FunctionMetricNames.Namespace, counted[0], dimensions, TimeSpan.FromHours(1), "SampleCount"));
            queries.AddRange(counted.Select(metric => new MetricQuery(Id(key, metric), FunctionMetricNames.Namespace, metric, dimensions, TimeSpan.FromHours(1), "Sum")));
            if (key != "watchdog")
            {
                queries.Add(new(Id(key, FunctionMetricNames.BatchAge), FunctionMetricNames.Namespace, FunctionMetricNames.BatchAge, dimensions, TimeSpan.FromMinutes(1), "Maximum"));
            }
        }

        var results = (await cloudWatch.GetMetricDataAsync(queries, start, now.AddMinutes(1), cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);

        // A partial answer would show as counts too low, read as real ones.
        if (results.Values.Where(r => !r.Complete).Select(r => r.Id).ToList() is { Count: > 0 } partial)
        {
            throw new CloudWatchException($"CloudWatch answered only part of {string.Join(", ", partial)}; the counters are not shown rather than shown too low.");
        }

        return [.. functions.Select(f => Row(f.Key, f.Value, results, now))];
    }

    private static FunctionCountersRow Row(string key, string name, IReadOnlyDictionary<string, MetricSeriesResult> results, DateTimeOffset now)
    {
        long Sum(string id) => results.TryGetValue(id, out var r) ? (long)Math.Round(r.Points.Sum(p => p.Value)) : 0;
        var totals = Counted[key].ToDictionary(metric => metric, metric => Sum(Id(key, metric)), StringComparer.Ordinal);
        var batchAge = results.TryGetValue(Id(key, FunctionMetricNames.BatchAge), out var ages)
            ? ages.Points.Where(p => p.Timestamp > now - BatchAgeWindow).Select(p => (long?)Math.Round(p.Value)).Max()
            : null;
        return new FunctionCountersRow(key, name, Sum(Id(key, "invocations")), totals, batchAge);
    }

    // Query ids are a lower-case letter, then letters, digits and underscores.
    private static string Id(string key, string metric) => $"{key}_{metric}".ToLower(CultureInfo.InvariantCulture);
}
