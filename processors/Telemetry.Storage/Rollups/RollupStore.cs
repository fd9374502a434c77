using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// Applies a batch to the rollup table with one conditional write per touched window: read the windows,
/// merge in memory (DynamoDB update expressions cannot take a min or max), write back guarded by the
/// version read, and on a lost race read again and redo.
/// </summary>
public sealed class RollupStore : IRollupStore
{
    private const int MaxParallelWrites = 8;

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly RetryOptions retry;
    private readonly TextWriter log;
    private readonly TimeSpan? minuteRollupTtl;

    /// <summary>A store writing to <paramref name="tableName"/>, with the default retry bounds.</summary>
    /// <param name="minuteRollupTtl">How long a 1-minute window is kept after it ends; null: forever.</param>
    public RollupStore(IAmazonDynamoDB dynamo, string tableName, TextWriter log, TimeSpan? minuteRollupTtl)
        : this(dynamo, tableName, RetryOptions.Default, log, minuteRollupTtl)
    {
    }

    internal RollupStore(IAmazonDynamoDB dynamo, string tableName, RetryOptions retry, TextWriter log, TimeSpan? minuteRollupTtl)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(log);
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
        this.log = log;
        this.minuteRollupTtl = minuteRollupTtl;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WindowContributions>> ApplyAsync(
        IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return [];
        }

        var prefetched = await PrefetchAsync(windows, cancellationToken);
        var failed = new ConcurrentBag<WindowContributions>();
        await Parallel.ForEachAsync(
            windows,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
            async (window, ct) =>
            {
                try
                {
                    var key = RollupTable.Key(window.Key);
                    var known = prefetched.TryGetValue(ItemKey.Of(key, TelemetryTable.PartitionKey, TelemetryTable.SortKey), out var stored);
                    if (!await WriteAsync(window, known, stored, ct))
                    {
                        failed.Add(window);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await log.WriteLineAsync($"rollup write failed for {window.Key}: {ex.GetType().Name}: {ex.Message}");
                    failed.Add(window);
                }
            });
        return [.. failed];
    }

    // Known windows map to their stored state, or to null when absent; windows left out must be read one by one.
    private async Task<Dictionary<ItemKey, StoredRollup?>> PrefetchAsync(
        IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken)
    {
        var keys = windows.Select(w => RollupTable.Key(w.Key)).ToList();
        var known = new Dictionary<ItemKey, StoredRollup?>();
        try
        {
            var (items, unread) = await DynamoBatches.GetAsync(dynamo, tableName, keys, retry, cancellationToken);
            foreach (var key in keys)
            {
                known[ItemKey.Of(key, TelemetryTable.PartitionKey, TelemetryTable.SortKey)] = null;
            }

            foreach (var item in items)
            {
                known[ItemKey.Of(item, TelemetryTable.PartitionKey, TelemetryTable.SortKey)] = RollupItem.Read(item);
            }

            foreach (var key in unread)
            {
                known.Remove(ItemKey.Of(key, TelemetryTable.PartitionKey, TelemetryTable.SortKey));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await log.WriteLineAsync($"rollup prefetch failed, reading windows one by one: {ex.Message}");
            known.Clear();
        }

        return known;
    }

    private async Task<bool> WriteAsync(WindowContributions window, bool known, StoredRollup? stored, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
            }

            if (!known)
            {
                var response = await dynamo.GetItemAsync(
                    new GetItemRequest { TableName = tableName, Key = RollupTable.Key(window.Key), ConsistentRead = true },
                    cancellationToken);
                stored = RollupItem.Read(response.Item);
                known = true;
            }

            var next = RollupMerge.Absorb(stored?.State, window);
            if (next is null)
            {
                return true;
            }

            try
            {
                await dynamo.UpdateItemAsync(RollupItem.Write(tableName, window.Key, next, stored?.Version ?? 0, RollupItem.ExpiresAt(window.Key, minuteRollupTtl)), cancellationToken);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                known = false;
            }
        }

        await log.WriteLineAsync($"rollup write for {window.Key} lost the race {retry.MaxAttempts} times; giving up for this batch.");
        return false;
    }
}
