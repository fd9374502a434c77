using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Batches;

/// <summary>
/// Folds a window's partial rollup (readings gathered over a flush interval, already screened among themselves) into
/// the stored window. Statistics cannot be taken apart again, so a partial is folded whole or not at all: when the
/// stored window already holds some but not all of its readings, or the two together would cross a limit, the
/// readings themselves must be applied one by one instead (<see cref="PartialCombination.NeedsReadings"/>).
/// </summary>
public static class PartialCombine
{
    /// <summary>How <paramref name="partial"/> goes into <paramref name="stored"/> (null: not stored yet).</summary>
    public static PartialCombination Combine(RollupState? stored, RollupState partial, WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(partial);
        ArgumentNullException.ThrowIfNull(limits);
        if (stored is null)
        {
            return PartialCombination.Write(partial);
        }

        var fresh = 0L;
        var ids = new Dictionary<long, Contracts.SequenceRanges>();
        foreach (var (boot, ranges) in stored.Absorbed.ByBoot)
        {
            ids[boot] = new Contracts.SequenceRanges(ranges);
        }

        foreach (var (boot, ranges) in partial.Absorbed.ByBoot)
        {
            if (ids.TryGetValue(boot, out var held))
            {
                fresh += ranges.Except(held).Count;
                held.UnionWith(ranges);
            }
            else
            {
                fresh += ranges.Count;
                ids[boot] = new Contracts.SequenceRanges(ranges);
            }
        }

        if (fresh == 0)
        {
            return PartialCombination.AlreadyStored;
        }

        if (fresh != partial.Absorbed.Count)
        {
            return PartialCombination.NeedsReadings("the stored window already holds some of the partial's readings");
        }

        var absorbed = AbsorbedReadings.From(ids);
        var metrics = new Dictionary<string, MetricStats>(stored.Metrics, StringComparer.Ordinal);
        foreach (var (name, stats) in partial.Metrics)
        {
            metrics[name] = metrics.TryGetValue(name, out var held) ? held.Merge(stats) : stats;
        }

        if (metrics.Count > limits.MaxMetrics || absorbed.StoredLength > limits.MaxAbsorbedLength)
        {
            return PartialCombination.NeedsReadings("together the stored window and the partial would cross a window limit");
        }

        // A window emptied in place by a rebuild takes its type and site from its new readings.
        var (type, site) = stored.ReadingCount == 0 ? (partial.DeviceType, partial.Site) : (stored.DeviceType, stored.Site);
        return PartialCombination.Write(new RollupState(type, site, stored.ReadingCount + partial.ReadingCount, QuantileBudget.Fit(metrics), absorbed));
    }
}

/// <summary>The outcome of <see cref="PartialCombine.Combine"/>: exactly one of the three.</summary>
/// <param name="Next">The state to write; null when nothing is to be written.</param>
/// <param name="Problem">Why the readings must be applied one by one; null otherwise.</param>
public sealed record PartialCombination(RollupState? Next, string? Problem)
{
    /// <summary>Every reading of the partial is stored already: nothing to write.</summary>
    public static PartialCombination AlreadyStored { get; } = new(null, null);

    public bool IsNeedsReadings => Problem is not null;

    public static PartialCombination Write(RollupState next) => new(next, null);

    public static PartialCombination NeedsReadings(string problem) => new(null, problem);
}
