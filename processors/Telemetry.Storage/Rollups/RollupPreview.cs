using Amazon.DynamoDBv2;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Dynamo;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// A rollup store that only reads (a replay's dry run): each window is read and merged exactly as the store would,
/// and a window the merge would write is noted instead of written. A reading counts as new against the stored
/// window, not against what earlier batches of the same dry run would have written; a window is noted once.
/// </summary>
public sealed class RollupPreview(IAmazonDynamoDB dynamo, string tableName, WindowLimits? limits = null) : IRollupStore
{
    private readonly WindowLimits limits = limits ?? WindowLimits.Default;
    private readonly Dictionary<WindowKey, WindowChangeKind> changes = [];

    /// <summary>The windows a replay would write: created (not stored yet) or changed (new readings).</summary>
    public IReadOnlyList<WindowChange> Changes => [.. changes.Select(c => new WindowChange(c.Key, c.Value))];

    public async Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var keys = windows.Select(w => RollupTable.Key(w.Key)).ToList();
        var (items, unread) = await DynamoBatches.GetAsync(dynamo, tableName, keys, RetryOptions.Default, cancellationToken);
        if (unread.Count > 0)
        {
            // Reported failed, so the replay retries the batch and counts what stays unread.
            return new RollupApplyResult(windows, []);
        }

        var keyOf = windows.ToDictionary(w => (RollupTable.DevicePartition(w.Key.DeviceId, w.Key.Resolution), RollupTable.WindowSortKey(w.Key.Start)), w => w.Key);
        var stored = items.ToDictionary(
            item => keyOf[(item[TelemetryTable.PartitionKey].S, item[TelemetryTable.SortKey].S)],
            item => RollupItem.Read(item)!.State);

        // An hour is what its minutes hold (docs/hour-rollups.md); its item may not be written yet, or lag them.
        foreach (var hour in windows.Select(w => w.Key).Where(k => k.Resolution == Resolution.Hour))
        {
            stored.Remove(hour);
            if (HourDerivation.Derive(await HourRollups.ReadMinutesAsync(dynamo, tableName, hour, cancellationToken), this.limits) is { } derived)
            {
                stored[hour] = derived;
            }
        }

        var screened = WindowScreen.Screen(windows, stored.GetValueOrDefault, limits);
        foreach (var window in screened.Windows)
        {
            var current = stored.GetValueOrDefault(window.Key);
            if (RollupMerge.Absorb(current, window, limits).Next is not null && !changes.ContainsKey(window.Key))
            {
                changes[window.Key] = current is null || current.ReadingCount == 0 ? WindowChangeKind.Created : WindowChangeKind.Changed;
            }
        }

        return RollupApplyResult.Success;
    }
}
