using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Metrics;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rollups.RollupAttributes;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// Hour rollups derived from their minutes (docs/hour-rollups.md). A writer of minutes calls
/// <see cref="MarkAsync"/> before writing into an hour that has not ended, and <see cref="DeriveEndedAsync"/> after:
/// an hour that has ended by then is derived at once; one that has not keeps a marker, which the
/// <see cref="SweepAsync"/> of any writer derives once the hour is over. Every minute write is thus followed by a derivation
/// that reads it, and the hour item costs about one write per device and hour instead of one per flush.
/// </summary>
public sealed class HourRollups
{
    /// <summary>
    /// How far the clocks of two writers may disagree: a marker is swept only this long after its hour ended, so that a
    /// minute write another writer finished "before the hour ended" by its clock is read by the derivation.
    /// </summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromMinutes(1);

    private const string MarkerPrefix = "HOURS#";
    private const int MaxParallel = 8;
    private const int SweepBatch = 200;

    // Markers spread over a few partitions, so that a fleet's first writes of an hour do not all land on one key;
    // few enough that a sweep reads them all. Keyed by hour and device, not by shard: a shard that closes or goes
    // quiet leaves no marker that only it would sweep.
    private const int MarkerPartitions = 8;

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly RetryOptions retry;
    private readonly TextWriter log;
    private readonly TimeSpan? markerTtl;
    private readonly WindowLimits limits;
    private readonly TimeProvider time;
    private readonly Lock sweepGate = new();
    private DateTimeOffset? lastSweep;

    internal HourRollups(IAmazonDynamoDB dynamo, string tableName, RetryOptions retry, TextWriter log, TimeSpan? markerTtl, WindowLimits limits, TimeProvider time)
    {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
        this.log = log;
        this.markerTtl = markerTtl;
        this.limits = limits;
        this.time = time;
    }

    /// <summary>The hour key of a window at any resolution.</summary>
    public static WindowKey HourOf(WindowKey window) => WindowKey.For(window.DeviceId, Resolution.Hour, window.Start);

    /// <summary>
    /// Leaves a marker for each hour of <paramref name="windows"/> that has not ended (every hour when
    /// <paramref name="ended"/>), unless one is there already. False when a marker could not be written: the minutes
    /// must not be written then, or no one would derive the hour.
    /// </summary>
    public async Task<bool> MarkAsync(IEnumerable<WindowKey> windows, CancellationToken cancellationToken, bool ended = false)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var now = time.GetUtcNow();
        var open = windows.Select(HourOf).Where(h => ended || h.End > now).Distinct().ToList();
        if (open.Count == 0)
        {
            return true;
        }

        try
        {
            var keys = open.Select(MarkerKey).ToList();
            var (items, unread) = await DynamoBatches.GetAsync(dynamo, tableName, keys, retry, cancellationToken);
            var present = items.Select(i => i[TelemetryTable.SortKey].S).ToHashSet(StringComparer.Ordinal);
            var unreadKeys = unread.Select(k => k[TelemetryTable.SortKey].S).ToHashSet(StringComparer.Ordinal);
            var puts = open
                .Where(h => !present.Contains(MarkerSortKey(h)) || unreadKeys.Contains(MarkerSortKey(h)))
                .Select(h => new WriteRequest(new PutRequest(MarkerItem(h))))
                .ToList();
            var failed = puts.Count == 0 ? [] : await DynamoBatches.WriteAsync(dynamo, tableName, puts, retry, cancellationToken);
            if (failed.Count > 0)
            {
                await log.WriteLineAsync($"hour markers: {failed.Count} of {puts.Count} not written");
            }

            return failed.Count == 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await log.WriteLineAsync($"hour markers failed: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>
    /// Derives every hour of <paramref name="windows"/> that has ended by now; returns the hours that could not be
    /// derived (the write that touched them must be retried). Those get a marker too, so that the sweep derives them
    /// should the retry never come (a redrive given up, a replay interrupted).
    /// </summary>
    public async Task<IReadOnlyList<WindowKey>> DeriveEndedAsync(IEnumerable<WindowKey> windows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failed = await DeriveAsync([.. windows.Select(HourOf).Where(h => h.End <= now).Distinct()], cancellationToken);
        if (failed.Count > 0)
        {
            await MarkAsync(failed, cancellationToken, ended: true);
        }

        return failed;
    }

    /// <summary>
    /// Derives the marked hours that ended at least <see cref="Grace"/> ago (a batch of each marker partition, at most
    /// once a minute per instance) and removes their markers. Returns how many were derived.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (sweepGate)
        {
            if (lastSweep is { } last && now - last < TimeSpan.FromMinutes(1))
            {
                return 0;
            }

            lastSweep = now;
        }

        var derived = 0;
        for (var partition = 0; partition < MarkerPartitions; partition++)
        {
            try
            {
                var due = await DueMarkersAsync(partition, now, cancellationToken);
                var failed = (await DeriveAsync([.. due], cancellationToken)).ToHashSet();
                var deletes = due.Where(h => !failed.Contains(h)).Select(h => new WriteRequest(new DeleteRequest(MarkerKey(h)))).ToList();
                if (deletes.Count > 0)
                {
                    await DynamoBatches.WriteAsync(dynamo, tableName, deletes, retry, cancellationToken);
                }

                derived += deletes.Count;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The markers stay; the next sweep derives them.
                await log.WriteLineAsync($"hour sweep failed for {MarkerPrefix}{partition}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return derived;
    }

    /// <summary>Derives each hour from its stored minutes and writes it when it changed; returns the hours not derived.</summary>
    public async Task<IReadOnlyList<WindowKey>> DeriveAsync(IReadOnlyList<WindowKey> hours, CancellationToken cancellationToken)
    {
        var failed = new ConcurrentBag<WindowKey>();
        await Parallel.ForEachAsync(
            hours,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = cancellationToken },
            async (hour, ct) =>
            {
                try
                {
                    if (!await DeriveOneAsync(hour, ct))
                    {
                        failed.Add(hour);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await log.WriteLineAsync($"hour derivation failed for {hour}: {ex.GetType().Name}: {ex.Message}");
                    failed.Add(hour);
                }
            });
        return [.. failed];
    }

    /// <summary>The stored minutes of one hour, oldest first (consistent reads).</summary>
    public static async Task<IReadOnlyList<(DateTimeOffset Start, RollupState State)>> ReadMinutesAsync(
        IAmazonDynamoDB dynamo, string tableName, WindowKey hour, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#pk"] = TelemetryTable.PartitionKey,
                ["#sk"] = TelemetryTable.SortKey,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":pk"] = new() { S = RollupTable.DevicePartition(hour.DeviceId, Resolution.Minute) },
                [":from"] = new() { S = RollupTable.WindowSortKey(hour.Start) },
                [":to"] = new() { S = RollupTable.WindowSortKey(hour.End - Resolution.Minute.Duration()) },
            },
            ConsistentRead = true,
        };
        var minutes = new List<(DateTimeOffset, RollupState)>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                minutes.Add((RollupTable.ParseWindowSortKey(DynamoText.Required(item, TelemetryTable.SortKey)), RollupItem.Read(item)!.State));
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return minutes;
    }

    // Read the hour's version, then its minutes, then write conditioned on that version: a derivation that read the
    // minutes before another writer's minute landed either loses the race to the derivation that follows that write,
    // or is overwritten by it. An hour whose minutes hold nothing is left alone: they expired, or a rebuild emptied them.
    private async Task<bool> DeriveOneAsync(WindowKey hour, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
            }

            var stored = RollupItem.Read((await dynamo.GetItemAsync(
                new GetItemRequest { TableName = tableName, Key = RollupTable.Key(hour), ConsistentRead = true }, cancellationToken)).Item);
            var derived = HourDerivation.Derive(await ReadMinutesAsync(dynamo, tableName, hour, cancellationToken), limits);
            if (derived is null || (stored is not null && RollupRecompute.Same(stored.State, derived)))
            {
                return true;
            }

            try
            {
                await dynamo.UpdateItemAsync(RollupItem.Write(tableName, hour, derived, stored?.Version ?? 0, expiresAt: null), cancellationToken);
                InvocationCounters.Add(FunctionMetricNames.WindowsWritten);
                return true;
            }
            catch (ConditionalCheckFailedException) when (attempt < retry.MaxAttempts)
            {
                InvocationCounters.Add(FunctionMetricNames.WriteConflictsRetried);
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        await log.WriteLineAsync($"hour derivation for {hour} lost the race {retry.MaxAttempts} times.");
        return false;
    }

    private async Task<List<WindowKey>> DueMarkersAsync(int partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Hours that started before the hour holding (now - grace) ended at least the grace ago.
        var bound = Resolution.Hour.WindowStart(now - Grace);
        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = "#pk = :pk AND #sk < :bound",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["#pk"] = TelemetryTable.PartitionKey,
                    ["#sk"] = TelemetryTable.SortKey,
                    ["#deviceId"] = A.DeviceId,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":pk"] = new() { S = MarkerPrefix + partition.ToString(CultureInfo.InvariantCulture) },
                    [":bound"] = new() { S = RollupTable.WindowSortKey(bound) },
                },
                ProjectionExpression = "#sk, #deviceId",
                ConsistentRead = true,
                Limit = SweepBatch,
            },
            cancellationToken);
        return [.. (response.Items ?? []).Select(item =>
        {
            var sortKey = DynamoText.Required(item, TelemetryTable.SortKey);
            var start = RollupTable.ParseWindowSortKey(sortKey[..sortKey.IndexOf('#', StringComparison.Ordinal)]);
            return new WindowKey(DynamoText.Required(item, A.DeviceId), Resolution.Hour, start);
        })];
    }

    private static string MarkerSortKey(WindowKey hour) => $"{RollupTable.WindowSortKey(hour.Start)}#{hour.DeviceId}";

    // FNV-1a over the id's UTF-8 bytes: the same partition in every process (string.GetHashCode is randomised).
    private static int MarkerPartition(string deviceId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(deviceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % MarkerPartitions);
    }

    private static Dictionary<string, AttributeValue> MarkerKey(WindowKey hour) => new(StringComparer.Ordinal)
    {
        [TelemetryTable.PartitionKey] = new() { S = MarkerPrefix + MarkerPartition(hour.DeviceId).ToString(CultureInfo.InvariantCulture) },
        [TelemetryTable.SortKey] = new() { S = MarkerSortKey(hour) },
    };

    private Dictionary<string, AttributeValue> MarkerItem(WindowKey hour)
    {
        var item = MarkerKey(hour);
        item[A.DeviceId] = new() { S = hour.DeviceId };

        // Past the minutes' expiry there is nothing left to derive from; the marker goes with them.
        if (markerTtl is { } ttl)
        {
            item[TelemetryTable.ExpiresAt] = DynamoNumber.EpochSeconds(hour.End + ttl);
        }

        return item;
    }
}
