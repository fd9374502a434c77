using Telemetry.Contracts;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Batches;

/// <summary>
/// An hour rollup as the merge of its minute rollups (docs/hour-rollups.md): the hour is never written from readings,
/// so it is exactly the minutes it holds, however often and by whom it is derived again.
/// </summary>
public static class HourDerivation
{
    /// <summary>
    /// The hour holding <paramref name="minutes"/>, or null when none holds a reading (a window emptied by a rebuild
    /// holds none). Minutes are merged oldest first, so the same minutes always give the same bits; the type and site
    /// are the oldest minute's, as a window's are its first reading's. Past <see cref="WindowLimits.MaxMetrics"/> the metrics with the most values are kept,
    /// and past <see cref="WindowLimits.MaxAbsorbedLength"/> the identities are left out, so the item stays within
    /// DynamoDB's size even when each minute is at its own limit.
    /// </summary>
    public static RollupState? Derive(IEnumerable<(DateTimeOffset Start, RollupState State)> minutes, WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(limits);
        var held = minutes.Where(m => m.State.ReadingCount > 0).OrderBy(m => m.Start).ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var metrics = new Dictionary<string, MetricStats>(StringComparer.Ordinal);
        var byBoot = new SortedDictionary<long, SequenceRanges>();
        long readings = 0;
        foreach (var (_, state) in held)
        {
            readings += state.ReadingCount;
            foreach (var (name, stats) in state.Metrics)
            {
                metrics[name] = metrics.TryGetValue(name, out var sum) ? sum.Merge(stats) : stats;
            }

            foreach (var (boot, ranges) in state.Absorbed.ByBoot)
            {
                if (!byBoot.TryGetValue(boot, out var union))
                {
                    byBoot.Add(boot, union = new SequenceRanges());
                }

                union.UnionWith(ranges);
            }
        }

        var absorbed = AbsorbedReadings.From(byBoot);
        var oldest = held[0].State;
        return new RollupState(
            oldest.DeviceType,
            oldest.Site,
            readings,
            QuantileBudget.Fit(metrics.Count <= limits.MaxMetrics
                ? metrics
                : metrics.OrderByDescending(m => m.Value.Count).ThenBy(m => m.Key, StringComparer.Ordinal).Take(limits.MaxMetrics).ToDictionary(StringComparer.Ordinal)),
            absorbed.StoredLength <= limits.MaxAbsorbedLength ? absorbed : new AbsorbedReadings());
    }
}
