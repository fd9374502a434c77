namespace Telemetry.Aws.CloudWatch;

/// <summary>One statistic of one metric, as a GetMetricData query asks for it.</summary>
/// <param name="Id">Names the answer: a lower-case letter, then letters, digits and underscores.</param>
/// <param name="Dimensions">The metric's dimensions, all of them: CloudWatch matches the set exactly.</param>
/// <param name="Period">The width of each datapoint: a multiple of 60 s.</param>
/// <param name="Stat"><c>Sum</c>, <c>SampleCount</c>, <c>Maximum</c>, <c>Average</c>, <c>p95</c>….</param>
public sealed record MetricQuery(string Id, string Namespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions, TimeSpan Period, string Stat);

/// <summary>The datapoints answered for one query, oldest first; none when the metric had no data in the range.</summary>
/// <param name="Complete">False when the last page that answered the query said <c>PartialData</c> or <c>InternalError</c>.</param>
public sealed record MetricSeriesResult(string Id, IReadOnlyList<MetricDatapoint> Points, bool Complete);

public readonly record struct MetricDatapoint(DateTimeOffset Timestamp, double Value);
