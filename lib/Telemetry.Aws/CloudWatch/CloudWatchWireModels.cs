using System.Text.Json.Serialization;

namespace Telemetry.Aws.CloudWatch;

// The JSON shapes of CloudWatch's GetMetricData (JSON 1.0, GraniteServiceVersion20100801), as sent and received.

internal sealed record GetMetricDataRequest(
    IReadOnlyList<MetricDataQueryWire> MetricDataQueries,
    decimal StartTime,
    decimal EndTime,
    string ScanBy,
    string? NextToken);

internal sealed record MetricDataQueryWire(string Id, MetricStatWire MetricStat, bool ReturnData);

internal sealed record MetricStatWire(MetricWire Metric, int Period, string Stat);

internal sealed record MetricWire(string Namespace, string MetricName, IReadOnlyList<DimensionWire> Dimensions);

internal sealed record DimensionWire(string Name, string Value);

internal sealed record GetMetricDataResponse(IReadOnlyList<MetricDataResultWire>? MetricDataResults, string? NextToken);

internal sealed record MetricDataResultWire(string? Id, IReadOnlyList<double>? Timestamps, IReadOnlyList<double>? Values, string? StatusCode);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetMetricDataRequest))]
[JsonSerializable(typeof(GetMetricDataResponse))]
internal sealed partial class CloudWatchJsonContext : JsonSerializerContext;
