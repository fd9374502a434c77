namespace Telemetry.Aws.CloudWatch;

/// <summary>The CloudWatch calls the project makes: reading metrics back. The functions write theirs as log lines (EMF).</summary>
public interface ICloudWatchClient
{
    /// <summary>
    /// GetMetricData over [<paramref name="start"/>, <paramref name="end"/>), every page read: one result per query,
    /// in the queries' order.
    /// </summary>
    /// <exception cref="ArgumentException">No queries, more than 500, ids that repeat or do not fit CloudWatch's rule.</exception>
    /// <exception cref="CloudWatchException">CloudWatch refused the call or answered something the client cannot use.</exception>
    Task<IReadOnlyList<MetricSeriesResult>> GetMetricDataAsync(
        IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default);
}
