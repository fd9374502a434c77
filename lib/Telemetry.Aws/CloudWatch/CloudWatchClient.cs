using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime.Signing;
using Telemetry.Aws.JsonProtocol;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.CloudWatch;

/// <summary>
/// <see cref="ICloudWatchClient"/> over CloudWatch's AWS JSON 1.0 API (the SDKs' protocol for it since 2024; the Query
/// API still answers too), signed with SigV4 by AWSSDK.Core's <see cref="SigV4SigningHandler"/>. Throttling, 5xx and
/// transport errors are retried; other errors are thrown typed at once. One instance holds one HttpClient: share it.
/// </summary>
public sealed partial class CloudWatchClient : ICloudWatchClient, IDisposable
{
    public const string SigningName = "monitoring";

    /// <summary>The SDK service id: the endpoint variable is AWS_ENDPOINT_URL_CLOUDWATCH.</summary>
    public const string ServiceId = "CloudWatch";

    /// <summary>GetMetricData takes at most this many queries per call.</summary>
    public const int MaxQueriesPerCall = 500;

    private const string TargetPrefix = "GraniteServiceVersion20100801.";

    private readonly AwsConnection _connection;
    private readonly AwsJsonTransport<CloudWatchException> _transport;

    /// <summary>Everything from the environment, like an AWS SDK client built without arguments.</summary>
    public CloudWatchClient()
        : this(new CloudWatchClientOptions())
    {
    }

    /// <exception cref="AwsConfigurationException">No region or no credentials can be found, or an endpoint variable is malformed.</exception>
    public CloudWatchClient(CloudWatchClientOptions options)
    {
        _connection = AwsConnection.Open(options, ServiceId, SigningName, SigningName);
        _transport = new AwsJsonTransport<CloudWatchException>(
            _connection, CloudWatchErrors.Service, TargetPrefix, AwsJsonTransport<CloudWatchException>.ContentType10);
    }

    public Uri Endpoint => _connection.Endpoint;

    public string Region => _connection.Region;

    public async Task<IReadOnlyList<MetricSeriesResult>> GetMetricDataAsync(
        IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        Validate(queries, start, end);
        var wire = queries.Select(ToWire).ToArray();
        var points = queries.ToDictionary(q => q.Id, _ => new List<MetricDatapoint>(), StringComparer.Ordinal);
        var complete = queries.ToDictionary(q => q.Id, _ => true, StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var request = new GetMetricDataRequest(wire, AwsJsonTimestamp.ToEpochSeconds(start), AwsJsonTimestamp.ToEpochSeconds(end), "TimestampAscending", nextToken);
            var body = JsonSerializer.SerializeToUtf8Bytes(request, CloudWatchJsonContext.Default.GetMetricDataRequest);
            var response = (await _transport.SendAsync("GetMetricData", body, CloudWatchJsonContext.Default.GetMetricDataResponse, cancellationToken))!;
            foreach (var result in response.MetricDataResults ?? [])
            {
                var id = result.Id ?? throw new CloudWatchException("CloudWatch answered GetMetricData with a result without an Id.");
                var series = points.GetValueOrDefault(id) ?? throw new CloudWatchException($"CloudWatch answered GetMetricData with a result for '{id}', which was not asked for.");
                var timestamps = result.Timestamps ?? [];
                var values = result.Values ?? [];
                if (timestamps.Count != values.Count)
                {
                    throw new CloudWatchException($"CloudWatch answered GetMetricData '{id}' with {timestamps.Count} timestamps for {values.Count} values.");
                }

                series.AddRange(timestamps.Zip(values, (t, v) => new MetricDatapoint(FromEpochSeconds(t), v)));

                // A query's status is that of the last page that answered it: PartialData there means pages were missed.
                complete[id] = result.StatusCode is null or "Complete";
            }

            var previous = nextToken;
            nextToken = response.NextToken is { Length: > 0 } token ? token : null;

            // A server that hands back the token it was given would page forever.
            if (nextToken is not null && nextToken == previous)
            {
                throw new CloudWatchException($"CloudWatch answered GetMetricData page {nextToken} with the same NextToken.");
            }
        }
        while (nextToken is not null);

        return [.. queries.Select(q => new MetricSeriesResult(q.Id, [.. points[q.Id].OrderBy(p => p.Timestamp)], complete[q.Id]))];
    }

    public void Dispose() => _connection.Dispose();

    private static void Validate(IReadOnlyList<MetricQuery> queries, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(queries.Count, 1, nameof(queries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(queries.Count, MaxQueriesPerCall, nameof(queries));
        if (end <= start)
        {
            throw new ArgumentException($"The range ends ({end:O}) before it starts ({start:O}).", nameof(end));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (!IdPattern().IsMatch(query.Id) || !ids.Add(query.Id))
            {
                throw new ArgumentException($"Query id '{query.Id}' repeats or is not a lower-case letter followed by letters, digits and underscores.", nameof(queries));
            }

            if (query.Period <= TimeSpan.Zero || query.Period.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                throw new ArgumentException($"Query '{query.Id}': a period is a whole number of minutes (got {query.Period}).", nameof(queries));
            }
        }
    }

    private static MetricDataQueryWire ToWire(MetricQuery query) =>
        new(
            query.Id,
            new MetricStatWire(
                new MetricWire(query.Namespace, query.MetricName, [.. query.Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DimensionWire(d.Key, d.Value))]),
                (int)query.Period.TotalSeconds,
                query.Stat),
            ReturnData: true);

    private static DateTimeOffset FromEpochSeconds(double seconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]{0,254}$")]
    private static partial Regex IdPattern();
}
