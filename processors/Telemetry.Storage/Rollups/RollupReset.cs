using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rollups.RollupAttributes;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// Clears the windows a rebuild recomputes, safely while the aggregator keeps writing (docs/replay.md): each window is
/// first emptied in place, a version-guarded write like the aggregator's own, so that an aggregator write prepared
/// from the old content loses its race and redoes itself on the empty window instead of bringing the old content
/// back; once the readings are applied again, the windows still empty are deleted.
/// </summary>
public sealed class RollupReset
{
    private const int MaxParallelWrites = 8;

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly RetryOptions retry;
    private readonly TimeSpan? minuteRollupTtl;

    /// <summary>A reset of windows in <paramref name="tableName"/>; <paramref name="minuteRollupTtl"/> as the aggregator's.</summary>
    public RollupReset(IAmazonDynamoDB dynamo, string tableName, TimeSpan? minuteRollupTtl)
        : this(dynamo, tableName, RetryOptions.Default, minuteRollupTtl)
    {
    }

    internal RollupReset(IAmazonDynamoDB dynamo, string tableName, RetryOptions retry, TimeSpan? minuteRollupTtl)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(retry);
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
        this.minuteRollupTtl = minuteRollupTtl;
    }

    /// <summary>Windows in <paramref name="range"/> that hold readings, without changing them (a dry run's count).</summary>
    public async Task<long> CountAsync(RollupRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        long count = 0;
        await foreach (var page in PagesAsync(range, onlyEmpty: false, cancellationToken))
        {
            count += page.Count(w => w.Readings > 0);
        }

        return count;
    }

    /// <summary>Empties every window in <paramref name="range"/> that holds readings; returns how many it emptied.</summary>
    /// <param name="progress">Called after each page with the windows emptied so far.</param>
    /// <exception cref="InvalidOperationException">A window kept changing under every attempt; run again.</exception>
    public async Task<long> EmptyAsync(RollupRange range, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(progress);
        long emptied = 0;
        await foreach (var page in PagesAsync(range, onlyEmpty: false, cancellationToken))
        {
            await Parallel.ForEachAsync(
                page.Where(w => w.Readings > 0),
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
                async (window, ct) =>
                {
                    if (await EmptyAsync(window, ct))
                    {
                        Interlocked.Increment(ref emptied);
                    }
                });
            progress(emptied);
        }

        return emptied;
    }

    /// <summary>Deletes the windows in <paramref name="range"/> still empty (no reading came back to them); returns how many.</summary>
    public async Task<long> SweepAsync(RollupRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        long deleted = 0;
        await foreach (var page in PagesAsync(range, onlyEmpty: true, cancellationToken))
        {
            await Parallel.ForEachAsync(
                page,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
                async (window, ct) =>
                {
                    try
                    {
                        // Only while still empty: a reading written to it meanwhile keeps it.
                        await dynamo.DeleteItemAsync(
                            new DeleteItemRequest
                            {
                                TableName = tableName,
                                Key = RollupTable.Key(window.Key),
                                ConditionExpression = "#readings = :zero",
                                ExpressionAttributeNames = new(StringComparer.Ordinal) { ["#readings"] = A.Readings },
                                ExpressionAttributeValues = new(StringComparer.Ordinal) { [":zero"] = DynamoNumber.Of(0) },
                            },
                            ct);
                        Interlocked.Increment(ref deleted);
                    }
                    catch (ConditionalCheckFailedException)
                    {
                    }
                });
        }

        return deleted;
    }

    /// <summary>
    /// The windows in <paramref name="range"/> that a rebuild to <paramref name="recomputed"/> would change: stored
    /// with other content, stored with no reading left (removed), or not stored (created). Writes nothing.
    /// </summary>
    public async Task<IReadOnlyList<WindowChange>> CompareAsync(
        RollupRange range, IReadOnlyDictionary<WindowKey, RollupState> recomputed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(recomputed);
        var changes = new List<WindowChange>();
        var seen = new HashSet<WindowKey>();
        var hourItems = new Dictionary<WindowKey, RollupState>();
        var minutesByHour = new Dictionary<WindowKey, List<(DateTimeOffset, RollupState)>>();
        await foreach (var page in ItemPagesAsync(range, onlyEmpty: false, whole: true, cancellationToken))
        {
            foreach (var (item, resolution) in page)
            {
                var key = ListedWindow.KeyOf(item, resolution);
                var stored = RollupItem.Read(item)!.State;
                seen.Add(key);
                if (key.Resolution == Resolution.Hour)
                {
                    hourItems[key] = stored;
                    continue;
                }

                var hour = HourRollups.HourOf(key);
                if (!minutesByHour.TryGetValue(hour, out var minutes))
                {
                    minutesByHour.Add(hour, minutes = []);
                }

                minutes.Add((key.Start, stored));
                changes.AddRange(Compare(key, stored, recomputed));
            }
        }

        // An hour is what its minutes hold (docs/hour-rollups.md): its item may not be written yet, or lag them.
        foreach (var hour in hourItems.Keys.Union(minutesByHour.Keys))
        {
            var derived = minutesByHour.TryGetValue(hour, out var minutes) ? HourDerivation.Derive(minutes, WindowLimits.Default) : null;
            if (hourItems.TryGetValue(hour, out var item) || derived is not null)
            {
                seen.Add(hour);
                changes.AddRange(Compare(hour, derived ?? item!, recomputed, stored: item is not null));
            }
        }

        changes.AddRange(recomputed.Keys.Where(k => !seen.Contains(k)).Select(k => new WindowChange(k, WindowChangeKind.Created)));
        return changes;
    }

    // A window held now against the rebuild's: changed, or removed when the rebuild has none and an item is stored.
    private static IEnumerable<WindowChange> Compare(WindowKey key, RollupState held, IReadOnlyDictionary<WindowKey, RollupState> recomputed, bool stored = true)
    {
        if (!recomputed.TryGetValue(key, out var next))
        {
            if (stored && held.ReadingCount > 0)
            {
                yield return new WindowChange(key, WindowChangeKind.Removed);
            }
        }
        else if (!RollupRecompute.Same(held, next))
        {
            yield return new WindowChange(key, WindowChangeKind.Changed);
        }
    }

    // False when the window was already empty or gone by the time it was written.
    private async Task<bool> EmptyAsync(ListedWindow window, CancellationToken cancellationToken)
    {
        var (deviceType, site, version) = (window.DeviceType, window.Site, window.Version);
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
                var response = await dynamo.GetItemAsync(
                    new GetItemRequest { TableName = tableName, Key = RollupTable.Key(window.Key), ConsistentRead = true }, cancellationToken);
                if (RollupItem.Read(response.Item) is not { State.ReadingCount: > 0 } stored)
                {
                    return false;
                }

                (deviceType, site, version) = (stored.State.DeviceType, stored.State.Site, stored.Version);
            }

            var empty = new RollupState(deviceType, site, 0, new Dictionary<string, MetricStats>(StringComparer.Ordinal), new AbsorbedReadings());
            var request = RollupItem.Write(tableName, window.Key, empty, version, RollupItem.ExpiresAt(window.Key, minuteRollupTtl));
            // Unlike the aggregator's write, never create: a window deleted meanwhile needs no emptying.
            request.ConditionExpression = "attribute_exists(#pk) AND #ver = :readVer";
            try
            {
                await dynamo.UpdateItemAsync(request, cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
            }
        }

        throw new InvalidOperationException($"The window {window.Key.DeviceId} {window.Key.Resolution.Code()} {window.Key.Start:O} changed under {retry.MaxAttempts} attempts to empty it; run again.");
    }

    // The range's windows, a page at a time, as much of each as emptying and sweeping need.
    private async IAsyncEnumerable<IReadOnlyList<ListedWindow>> PagesAsync(
        RollupRange range, bool onlyEmpty, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in ItemPagesAsync(range, onlyEmpty, whole: false, cancellationToken))
        {
            yield return [.. page.Select(i => ListedWindow.Of(i.Item, i.Resolution))];
        }
    }

    // The range's items, a page at a time (with the resolution when the query knows it): a Query per device and
    // resolution when devices are named, else a Scan. Whole items, or only what emptying and sweeping need.
    private async IAsyncEnumerable<IReadOnlyList<(Dictionary<string, AttributeValue> Item, Resolution? Resolution)>> ItemPagesAsync(
        RollupRange range, bool onlyEmpty, bool whole, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#pk"] = TelemetryTable.PartitionKey,
            ["#sk"] = TelemetryTable.SortKey,
        };
        if (!whole)
        {
            names["#deviceId"] = A.DeviceId;
            names["#deviceType"] = A.DeviceType;
            names["#site"] = A.Site;
            names["#ver"] = A.Version;
        }

        if (onlyEmpty || !whole)
        {
            names["#readings"] = A.Readings;
        }
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":from"] = new() { S = RollupTable.WindowSortKey(range.From) } };
        var window = "#sk >= :from";
        if (range.To is { } to)
        {
            values[":to"] = new() { S = RollupTable.WindowSortKey(to) };
            window += " AND #sk < :to";
        }

        string? filter = null;
        if (onlyEmpty)
        {
            values[":zero"] = DynamoNumber.Of(0);
            filter = "#readings = :zero";
        }

        string? projection = whole ? null : "#pk, #sk, #deviceId, #deviceType, #site, #readings, #ver";
        if (range.Devices.Count > 0)
        {
            foreach (var device in range.Devices.Order(StringComparer.Ordinal))
            {
                foreach (var resolution in Enum.GetValues<Resolution>())
                {
                    var query = new QueryRequest
                    {
                        TableName = tableName,
                        ConsistentRead = true,
                        KeyConditionExpression = "#pk = :pk AND " + (range.To is null ? "#sk >= :from" : "#sk BETWEEN :from AND :last"),
                        FilterExpression = filter,
                        ProjectionExpression = projection,
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = new(values, StringComparer.Ordinal) { [":pk"] = new() { S = RollupTable.DevicePartition(device, resolution) } },
                    };
                    if (range.To is { } end)
                    {
                        // BETWEEN is inclusive: the last owned start is the one before the end.
                        query.ExpressionAttributeValues.Remove(":to");
                        query.ExpressionAttributeValues[":last"] = new() { S = RollupTable.WindowSortKey(end - resolution.Duration()) };
                    }

                    do
                    {
                        var response = await dynamo.QueryAsync(query, cancellationToken);
                        yield return [.. (response.Items ?? []).Select(i => (i, (Resolution?)resolution))];
                        query.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (query.ExclusiveStartKey is { Count: > 0 });
                }
            }

            yield break;
        }

        values[":prefix"] = new() { S = RollupTable.DevicePrefix };
        var scan = new ScanRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            FilterExpression = $"begins_with(#pk, :prefix) AND {window}" + (filter is null ? "" : $" AND {filter}"),
            ProjectionExpression = projection,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        do
        {
            var response = await dynamo.ScanAsync(scan, cancellationToken);
            yield return [.. (response.Items ?? []).Select(i => (i, (Resolution?)null))];
            scan.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (scan.ExclusiveStartKey is { Count: > 0 });
    }

    // A window as listed: enough to write it back empty under its version.
    private sealed record ListedWindow(WindowKey Key, string DeviceType, string Site, long Readings, long Version)
    {
        public static ListedWindow Of(Dictionary<string, AttributeValue> item, Resolution? resolution) =>
            new(
                KeyOf(item, resolution),
                DynamoText.Required(item, A.DeviceType),
                DynamoText.Required(item, A.Site),
                DynamoNumber.Long(item.GetValueOrDefault(A.Readings), A.Readings),
                DynamoNumber.Long(item.GetValueOrDefault(A.Version), A.Version));

        public static WindowKey KeyOf(Dictionary<string, AttributeValue> item, Resolution? resolution)
        {
            var partition = DynamoText.Required(item, TelemetryTable.PartitionKey);
            var code = partition[(partition.LastIndexOf('#') + 1)..];
            var at = resolution ?? (ResolutionExtensions.TryParse(code, out var parsed)
                ? parsed
                : throw new InvalidDataException($"Rollup item '{partition}' names no resolution."));
            return new WindowKey(DynamoText.Required(item, A.DeviceId), at, RollupTable.ParseWindowSortKey(DynamoText.Required(item, TelemetryTable.SortKey)));
        }
    }
}
