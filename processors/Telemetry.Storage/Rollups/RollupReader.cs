using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rollups.RollupAttributes;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// Reads the rollups the aggregator wrote: a device's windows over a time range, and totals. An hour that has not
/// ended, or ended less than <see cref="HourRollups.Grace"/> ago, or that has no item yet within
/// <see cref="DerivedHourHorizon"/>, is derived from its minutes as it is read (docs/hour-rollups.md).
/// </summary>
public sealed class RollupReader
{
    /// <summary>
    /// How far back a missing hour item is derived from minutes when read. An hour is stored at the latest by the first
    /// store call after it ended (any shard), so older hours without an item held no readings while the stream flowed.
    /// </summary>
    public static TimeSpan DerivedHourHorizon { get; } = TimeSpan.FromHours(6);

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly TimeProvider time;

    /// <param name="time">Decides which hours are still open; null: the system clock.</param>
    public RollupReader(IAmazonDynamoDB dynamo, string tableName, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.time = time ?? TimeProvider.System;
    }

    // Whether a stored hour item can be shown as it is: its hour is over, and any derivation after it read every minute.
    private bool Settled(DateTimeOffset hourStart, DateTimeOffset now) => hourStart + Resolution.Hour.Duration() + HourRollups.Grace <= now;

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
        var stored = await QueryStoredAsync(deviceId, resolution, from, to, metric, cancellationToken);
        if (resolution != Resolution.Hour)
        {
            return stored;
        }

        // Only the recent hours can lack their item or have it behind their minutes.
        var now = time.GetUtcNow();
        var recent = Resolution.Hour.WindowStart(now - DerivedHourHorizon);
        if (from is { } start && Resolution.Hour.WindowStart(start) > recent)
        {
            recent = Resolution.Hour.WindowStart(start);
        }

        if (to is { } end && end < recent)
        {
            return stored;
        }

        // An hour that starts by `to` holds the minutes up to its end.
        var lastMinute = to is { } bound ? Resolution.Hour.WindowStart(bound) + Resolution.Hour.Duration() - Resolution.Minute.Duration() : (DateTimeOffset?)null;
        var minutes = await QueryStoredAsync(deviceId, Resolution.Minute, recent, lastMinute, metric, cancellationToken);
        var rows = stored.ToDictionary(r => r.WindowStart);
        foreach (var hour in minutes.GroupBy(m => Resolution.Hour.WindowStart(m.WindowStart)))
        {
            if (rows.ContainsKey(hour.Key) && Settled(hour.Key, now))
            {
                continue;
            }

            var derived = HourDerivation.Derive(hour.Select(m => (m.WindowStart, ToState(m))), WindowLimits.Default);
            if (derived is not null)
            {
                rows[hour.Key] = new RollupRow(deviceId, derived.DeviceType, derived.Site, Resolution.Hour, hour.Key, derived.ReadingCount, derived.Metrics);
            }
        }

        return [.. rows.Values.OrderBy(r => r.WindowStart)];
    }

    private static RollupState ToState(RollupRow row) => new(row.DeviceType, row.Site, row.ReadingCount, row.Metrics, new AbsorbedReadings());

    private async Task<IReadOnlyList<RollupRow>> QueryStoredAsync(
        string deviceId,
        Resolution resolution,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? metric,
        CancellationToken cancellationToken)
    {
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
        var stored = await ReadStoredAbsorbedAsync(deviceId, resolution, cancellationToken);
        if (resolution != Resolution.Hour)
        {
            return stored;
        }

        var now = time.GetUtcNow();
        // An hour item emptied by a rebuild (readings 0) is being rebuilt: its minutes say what it holds.
        var windows = stored.Where(w => w.Readings > 0).ToDictionary(w => w.Start);
        foreach (var hour in (await ReadStoredAbsorbedAsync(deviceId, Resolution.Minute, cancellationToken)).GroupBy(m => Resolution.Hour.WindowStart(m.Start)))
        {
            if (windows.ContainsKey(hour.Key) && Settled(hour.Key, now))
            {
                continue;
            }

            var derived = HourDerivation.Derive(hour.Select(m => (m.Start, new RollupState(string.Empty, string.Empty, m.Readings, new Dictionary<string, MetricStats>(), m.Absorbed))), WindowLimits.Default);
            if (derived is not null)
            {
                windows[hour.Key] = new AbsorbedWindow(hour.Key, derived.ReadingCount, derived.Absorbed);
            }
        }

        return [.. windows.Values.OrderBy(w => w.Start)];
    }

    private async Task<IReadOnlyList<AbsorbedWindow>> ReadStoredAbsorbedAsync(string deviceId, Resolution resolution, CancellationToken cancellationToken)
    {
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
    /// <remarks>An hour not yet settled counts what its minutes hold.</remarks>
    public async Task<long> CountReadingsAsync(Resolution resolution, string deviceIdPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIdPrefix);
        var request = new ScanRequest
        {
            TableName = tableName,
            FilterExpression = "begins_with(#pk, :prefix)",
            ProjectionExpression = "#pk, #sk, #resolution, #readings",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#pk"] = TelemetryTable.PartitionKey,
                ["#sk"] = TelemetryTable.SortKey,
                ["#resolution"] = A.Resolution,
                ["#readings"] = A.Readings,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":prefix"] = new() { S = RollupTable.DevicePrefix + deviceIdPrefix },
            },
        };

        // Per device and hour: the readings of the hour item, and of its minutes.
        var hours = new Dictionary<(string Device, DateTimeOffset Hour), (long? Stored, long Minutes)>();
        long minuteTotal = 0;
        do
        {
            var response = await dynamo.ScanAsync(request, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                var readings = DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings);
                var code = item.GetValueOrDefault(A.Resolution)?.S;
                if (!ResolutionExtensions.TryParse(code, out var itemResolution))
                {
                    continue;
                }

                var pk = DynamoText.Required(item, TelemetryTable.PartitionKey);
                var key = (pk[..pk.LastIndexOf('#')], Resolution.Hour.WindowStart(RollupTable.ParseWindowSortKey(DynamoText.Required(item, TelemetryTable.SortKey))));
                var (hourStored, hourMinutes) = hours.GetValueOrDefault(key);
                if (itemResolution == Resolution.Minute)
                {
                    minuteTotal += readings;
                    hours[key] = (hourStored, hourMinutes + readings);
                }
                else
                {
                    hours[key] = (readings, hourMinutes);
                }
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        if (resolution == Resolution.Minute)
        {
            return minuteTotal;
        }

        var now = time.GetUtcNow();
        // An hour item emptied by a rebuild (readings 0) is being rebuilt: its minutes say what it holds.
        return hours.Sum(h => h.Value.Stored is { } stored and > 0 && (Settled(h.Key.Hour, now) || h.Value.Minutes == 0) ? stored : h.Value.Minutes);
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
