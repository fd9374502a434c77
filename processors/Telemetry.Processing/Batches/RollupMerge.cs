using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

/// <summary>
/// Folds a batch's readings into a stored window exactly once: a reading at or below the window's high-water
/// mark for its shard was absorbed by an earlier delivery and is skipped, which makes redelivery and replay harmless.
/// </summary>
public static class RollupMerge
{
    /// <summary>
    /// The new state of the window, or <see langword="null"/> when every reading was already absorbed
    /// (nothing to write). <paramref name="current"/> is <see langword="null"/> for a window not yet stored.
    /// </summary>
    public static RollupState? Absorb(RollupState? current, WindowContributions contributions)
    {
        ArgumentNullException.ThrowIfNull(contributions);

        var fresh = contributions.Readings
            .Where(r => current is null || !current.HighWaterMarks.TryGetValue(r.ShardId, out var mark) || r.Sequence > mark)
            .DistinctBy(r => (r.ShardId, r.Sequence))
            .ToList();
        if (fresh.Count == 0)
        {
            return null;
        }

        var first = fresh[0].Reading;
        var window = current is null
            ? new WindowAggregate(contributions.Key, first.DeviceType, first.Site)
            : WindowAggregate.Restore(contributions.Key, current.DeviceType, current.Site, current.ReadingCount, current.Metrics);
        foreach (var reading in fresh)
        {
            window.Add(reading.Reading);
        }

        var marks = new Dictionary<string, SequenceNumber>(current?.HighWaterMarks ?? new Dictionary<string, SequenceNumber>(), StringComparer.Ordinal);
        foreach (var reading in fresh)
        {
            if (!marks.TryGetValue(reading.ShardId, out var mark) || reading.Sequence > mark)
            {
                marks[reading.ShardId] = reading.Sequence;
            }
        }

        return new RollupState(window.DeviceType, window.Site, window.ReadingCount, new Dictionary<string, MetricStats>(window.Metrics, StringComparer.Ordinal), marks);
    }
}
