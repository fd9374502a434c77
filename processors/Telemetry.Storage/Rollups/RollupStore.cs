using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Metrics;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// Applies a batch to the rollup table with one conditional write per touched minute window: read the windows, screen
/// the batch against their limits, merge in memory (DynamoDB update expressions cannot take a min or max), write
/// back guarded by the version read, and on a lost race read again and redo. Hour windows handed in are not written
/// from readings: each hour is derived from its minutes once it has ended (<see cref="HourRollups"/>).
/// </summary>
public sealed class RollupStore : IRollupStore, IPartialRollupStore
{
    private const int MaxParallelWrites = 8;

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly RetryOptions retry;
    private readonly TextWriter log;
    private readonly TimeSpan? minuteRollupTtl;
    private readonly WindowLimits limits;
    private readonly HourRollups hours;

    /// <summary>A store writing to <paramref name="tableName"/>, with the default retry bounds.</summary>
    /// <param name="minuteRollupTtl">How long a 1-minute window is kept after it ends; null: forever.</param>
    /// <param name="limits">What one window may hold; null: <see cref="WindowLimits.Default"/>.</param>
    /// <param name="time">Decides which hours have ended; null: the system clock.</param>
    public RollupStore(IAmazonDynamoDB dynamo, string tableName, TextWriter log, TimeSpan? minuteRollupTtl, WindowLimits? limits = null, TimeProvider? time = null)
        : this(dynamo, tableName, RetryOptions.Default, log, minuteRollupTtl, limits, time)
    {
    }

    internal RollupStore(
        IAmazonDynamoDB dynamo, string tableName, RetryOptions retry, TextWriter log, TimeSpan? minuteRollupTtl, WindowLimits? limits = null, TimeProvider? time = null)
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
        this.limits = limits ?? WindowLimits.Default;
        hours = new HourRollups(dynamo, tableName, retry, log, minuteRollupTtl, this.limits, time ?? TimeProvider.System);
    }

    /// <summary>The hour rollups derived from the minutes this store writes.</summary>
    public HourRollups Hours => hours;

    /// <inheritdoc/>
    public async Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var minutes = windows.Where(w => w.Key.Resolution == Resolution.Minute).ToList();
        if (minutes.Count == 0)
        {
            return RollupApplyResult.Success;
        }

        // Without its marker an hour written into now might never be derived: such minutes wait for a retry.
        if (!await hours.MarkAsync(minutes.Select(w => w.Key), cancellationToken))
        {
            return new RollupApplyResult(minutes, []);
        }

        var failed = new ConcurrentBag<WindowContributions>();
        var written = await ApplyMinutesAsync(minutes, failed, cancellationToken);
        foreach (var hour in await hours.DeriveEndedAsync(minutes.Select(w => w.Key), cancellationToken))
        {
            foreach (var window in minutes.Where(w => HourRollups.HourOf(w.Key) == hour && !failed.Contains(w)))
            {
                failed.Add(window);
            }
        }

        await hours.SweepAsync(cancellationToken);
        return new RollupApplyResult([.. failed], written);
    }

    // Writes the minute windows; the failed join `failed`, the refused readings are returned.
    private async Task<IReadOnlyList<RefusedReading>> ApplyMinutesAsync(
        IReadOnlyList<WindowContributions> windows, ConcurrentBag<WindowContributions> failed, CancellationToken cancellationToken)
    {
        var stored = await PrefetchAsync([.. windows.Select(w => w.Key)], cancellationToken);
        var readable = new List<WindowContributions>(windows.Count);
        foreach (var window in windows)
        {
            var key = KeyOf(RollupTable.Key(window.Key));
            if (!stored.ContainsKey(key))
            {
                try
                {
                    stored[key] = await ReadAsync(window.Key, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await log.WriteLineAsync($"rollup read failed for {window.Key}: {ex.GetType().Name}: {ex.Message}");
                    failed.Add(window);
                    continue;
                }
            }

            readable.Add(window);
        }

        var screened = WindowScreen.Screen(
            readable, k => stored[KeyOf(RollupTable.Key(k))]?.State, limits);
        var refused = new ConcurrentBag<RefusedReading>(screened.Refused);
        await Parallel.ForEachAsync(
            screened.Windows,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
            async (window, ct) =>
            {
                try
                {
                    var key = KeyOf(RollupTable.Key(window.Key));
                    if (!await WriteAsync(window, stored[key], refused, ct))
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
        return [.. refused.DistinctBy(r => (r.Reading.ShardId, r.Reading.Sequence, r.Reading.SubSequence))];
    }

    /// <inheritdoc/>
    public async Task<PartialFlushResult> FlushAsync(IReadOnlyDictionary<WindowKey, RollupState> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var minutes = partials.Where(p => p.Key.Resolution == Resolution.Minute).ToList();
        if (minutes.Count == 0)
        {
            return new PartialFlushResult([], [], 0);
        }

        if (!await hours.MarkAsync(minutes.Select(p => p.Key), cancellationToken))
        {
            return new PartialFlushResult([.. minutes.Select(p => p.Key)], [], 0);
        }

        var failed = new ConcurrentBag<WindowKey>();
        var needsReadings = new ConcurrentBag<WindowKey>();
        var written = 0;
        var stored = await PrefetchAsync([.. minutes.Select(p => p.Key)], cancellationToken);
        await Parallel.ForEachAsync(
            minutes,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = cancellationToken },
            async (partial, ct) =>
            {
                try
                {
                    var prefetched = stored.TryGetValue(KeyOf(RollupTable.Key(partial.Key)), out var current);
                    switch (await FoldAsync(partial.Key, partial.Value, current, prefetched, ct))
                    {
                        case FoldOutcome.Written:
                            Interlocked.Increment(ref written);
                            break;
                        case FoldOutcome.NeedsReadings:
                            needsReadings.Add(partial.Key);
                            break;
                        case FoldOutcome.LostRaces:
                            failed.Add(partial.Key);
                            break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await log.WriteLineAsync($"rollup flush failed for {partial.Key}: {ex.GetType().Name}: {ex.Message}");
                    failed.Add(partial.Key);
                }
            });

        // An hour with a minute still to be applied reading by reading is derived after that, by ApplyAsync.
        var later = needsReadings.Select(HourRollups.HourOf).ToHashSet();
        foreach (var hour in await hours.DeriveEndedAsync(minutes.Select(p => p.Key).Where(k => !later.Contains(HourRollups.HourOf(k))), cancellationToken))
        {
            failed.Add(hour);
        }

        await hours.SweepAsync(cancellationToken);
        return new PartialFlushResult([.. failed], [.. needsReadings], written);
    }

    private enum FoldOutcome
    {
        Written,
        AlreadyStored,
        NeedsReadings,
        LostRaces,
    }

    private async Task<FoldOutcome> FoldAsync(WindowKey key, RollupState partial, StoredRollup? stored, bool prefetched, CancellationToken cancellationToken)
    {
        PartialCombination? last = null;
        var done = await ConditionalWriteAsync(
            key, stored, prefetched, current => (last = PartialCombine.Combine(current?.State, partial, limits)).Next, "this invocation", cancellationToken);
        return !done ? FoldOutcome.LostRaces
            : last!.IsNeedsReadings ? FoldOutcome.NeedsReadings
            : last.Next is null ? FoldOutcome.AlreadyStored
            : FoldOutcome.Written;
    }

    // Known windows map to their stored state, or to null when absent; windows left out must be read one by one.
    private async Task<Dictionary<ItemKey, StoredRollup?>> PrefetchAsync(
        IReadOnlyList<WindowKey> windows, CancellationToken cancellationToken)
    {
        var keys = windows.Select(RollupTable.Key).ToList();
        var known = new Dictionary<ItemKey, StoredRollup?>();
        try
        {
            var (items, unread) = await DynamoBatches.GetAsync(dynamo, tableName, keys, retry, cancellationToken);
            foreach (var key in keys)
            {
                known[KeyOf(key)] = null;
            }

            foreach (var item in items)
            {
                known[KeyOf(item)] = RollupItem.Read(item);
            }

            foreach (var key in unread)
            {
                known.Remove(KeyOf(key));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await log.WriteLineAsync($"rollup prefetch failed, reading windows one by one: {ex.Message}");
            known.Clear();
        }

        return known;
    }

    private static ItemKey KeyOf(Dictionary<string, AttributeValue> item) => ItemKey.Of(item, TelemetryTable.PartitionKey, TelemetryTable.SortKey);

    private async Task<StoredRollup?> ReadAsync(WindowKey key, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = RollupTable.Key(key), ConsistentRead = true },
            cancellationToken);
        return RollupItem.Read(response.Item);
    }

    // Refusals found when a lost race is redone (another writer filled the window meanwhile) join the screen's.
    private async Task<bool> WriteAsync(
        WindowContributions window, StoredRollup? stored, ConcurrentBag<RefusedReading> refused, CancellationToken cancellationToken)
    {
        WindowMerge? last = null;
        var done = await ConditionalWriteAsync(
            window.Key, stored, prefetched: true, current => (last = RollupMerge.Absorb(current?.State, window, limits)).Next, "this batch", cancellationToken);
        if (done)
        {
            foreach (var reading in last!.Refused)
            {
                refused.Add(reading);
            }
        }

        return done;
    }

    // Read-merge-write: `next` decides from the stored window what to write (null: nothing), the write is conditioned
    // on the version read (read here unless prefetched), and a lost race reads again and decides again. False once every attempt lost its race.
    private async Task<bool> ConditionalWriteAsync(
        WindowKey key, StoredRollup? stored, bool prefetched, Func<StoredRollup?, RollupState?> next, string givingUpFor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= retry.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
            }

            if (attempt > 1 || !prefetched)
            {
                stored = await ReadAsync(key, cancellationToken);
            }

            if (next(stored) is not { } state)
            {
                return true;
            }

            try
            {
                await dynamo.UpdateItemAsync(RollupItem.Write(tableName, key, state, stored?.Version ?? 0, RollupItem.ExpiresAt(key, minuteRollupTtl)), cancellationToken);
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

        await log.WriteLineAsync($"rollup write for {key} lost the race {retry.MaxAttempts} times; giving up for {givingUpFor}.");
        return false;
    }
}
