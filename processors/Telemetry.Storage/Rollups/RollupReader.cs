using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rollups.RollupAttributes;

namespace Telemetry.Storage.Rollups;

/// <summary>Reads the rollups the aggregator wrote: a device's windows over a time range, and totals.</summary>
public sealed class RollupReader
{
    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;

    public RollupReader(IAmazonDynamoDB dynamo, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /// <summary>
    /// The windows of <paramref name="deviceId"/> at <paramref name="resolution"/> that overlap
    /// [<paramref name="from"/>, <paramref name="to"/>] (either bound optional), oldest first; with
    /// <paramref name="metric"/>, only that metric's statistics are fetched.
    /// </summary>
    public async Task<IReadOnlyList<RollupRow>> QueryAsync(
        string deviceId,
        Resolution resolution,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? metric,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#pk"] = TelemetryTable.PartitionKey,
            ["#sk"] = TelemetryTable.SortKey,
            ["#deviceId"] = A.DeviceId,
            ["#deviceType"] = A.DeviceType,
            ["#site"] = A.Site,
            ["#readings"] = A.Readings,
            ["#m"] = A.Metrics,
        };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":pk"] = new() { S = RollupTable.DevicePartition(deviceId, resolution) },
        };

        // A window that starts before `from` still overlaps it when it contains `from`.
        var condition = "#pk = :pk";
        if (from is { } start)
        {
            values[":from"] = new() { S = RollupTable.WindowSortKey(resolution.WindowStart(start)) };
        }

        if (to is { } end)
        {
            values[":to"] = new() { S = RollupTable.WindowSortKey(end) };
        }

        condition += (from, to) switch
        {
            (not null, not null) => " AND #sk BETWEEN :from AND :to",
            (not null, null) => " AND #sk >= :from",
            (null, not null) => " AND #sk <= :to",
            _ => string.Empty,
        };

        var metricsPath = "#m";
        if (!string.IsNullOrEmpty(metric))
        {
            names["#metric"] = metric;
            metricsPath = "#m.#metric";
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = condition,
            ProjectionExpression = $"#sk, #deviceId, #deviceType, #site, #readings, {metricsPath}",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ScanIndexForward = true,
        };

        var rows = new List<RollupRow>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            // A window emptied by a rebuild, waiting for its readings to be applied again, has nothing to show yet.
            rows.AddRange((response.Items ?? []).Select(item => Row(item, resolution)).Where(row => row.ReadingCount > 0));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return rows;
    }

    /// <summary>
    /// Every window of <paramref name="deviceId"/> at <paramref name="resolution"/> with its reading count and the
    /// identities it absorbed, oldest first: what a reconciliation against a producer's ledger needs.
    /// </summary>
    public async Task<IReadOnlyList<AbsorbedWindow>> ReadAbsorbedAsync(string deviceId, Resolution resolution, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#pk = :pk",
            ProjectionExpression = "#sk, #readings, #ids",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#pk"] = TelemetryTable.PartitionKey,
                ["#sk"] = TelemetryTable.SortKey,
                ["#readings"] = A.Readings,
                ["#ids"] = A.Absorbed,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":pk"] = new() { S = RollupTable.DevicePartition(deviceId, resolution) },
            },
            ConsistentRead = true,
        };

        var windows = new List<AbsorbedWindow>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            windows.AddRange((response.Items ?? []).Select(item => new AbsorbedWindow(
                RollupTable.ParseWindowSortKey(DynamoText.Required(item, TelemetryTable.SortKey)),
                DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings),
                RollupItem.ReadAbsorbed(item.GetValueOrDefault(A.Absorbed)))));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return windows;
    }

    /// <summary>
    /// Readings counted in the rollups: the sum of <c>readings</c> over every window at <paramref name="resolution"/>.
    /// A full scan, meant for reconciling a demo or a test, not for production dashboards.
    /// </summary>
    public Task<long> CountReadingsAsync(Resolution resolution, CancellationToken cancellationToken) =>
        CountReadingsAsync(resolution, string.Empty, cancellationToken);

    /// <summary>As <see cref="CountReadingsAsync(Resolution, CancellationToken)"/>, for devices whose id starts with <paramref name="deviceIdPrefix"/>.</summary>
    public async Task<long> CountReadingsAsync(Resolution resolution, string deviceIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIdPrefix);
        var request = new ScanRequest
        {
            TableName = tableName,
            FilterExpression = "begins_with(#pk, :prefix) AND #resolution = :resolution",
            ProjectionExpression = "#readings",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#pk"] = TelemetryTable.PartitionKey,
                ["#resolution"] = A.Resolution,
                ["#readings"] = A.Readings,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":prefix"] = new() { S = RollupTable.DevicePrefix + deviceIdPrefix },
                [":resolution"] = new() { S = resolution.Code() },
            },
        };

        long total = 0;
        do
        {
            var response = await dynamo.ScanAsync(request, cancellationToken);
            total += (response.Items ?? []).Sum(item => DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return total;
    }

    private static RollupRow Row(Dictionary<string, AttributeValue> item, Resolution resolution) => new(
        DynamoText.Required(item, A.DeviceId),
        DynamoText.Required(item, A.DeviceType),
        DynamoText.Required(item, A.Site),
        resolution,
        RollupTable.ParseWindowSortKey(DynamoText.Required(item, TelemetryTable.SortKey)),
        DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings),
        RollupItem.ReadMetrics(item.GetValueOrDefault(A.Metrics)));
}
