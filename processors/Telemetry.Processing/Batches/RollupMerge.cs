using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing.Batches;

/// <summary>
/// Folds a batch's readings into a stored window exactly once: a reading whose identity the window already holds
/// is skipped, whichever shard, delivery or replay brought it, which makes every kind of redelivery harmless.
/// </summary>
public static class RollupMerge
{
    /// <summary>
    /// The new state of the window (<see langword="null"/> when nothing was new: nothing to write) and the readings
    /// refused because they would cross a limit. <paramref name="current"/> is <see langword="null"/> for a window not yet stored.
    /// </summary>
    public static WindowMerge Absorb(RollupState? current, WindowContributions contributions, WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(limits);

        var admission = new WindowAdmission(contributions.Key, current, limits);
        var fresh = new List<SequencedReading>();
        var refused = new List<RefusedReading>();
        foreach (var reading in contributions.Readings)
        {
            var verdict = admission.Check(reading.Reading);
            if (verdict.IsNew)
            {
                admission.Admit(reading.Reading);
                fresh.Add(reading);
            }
            else if (verdict.IsRefused)
            {
                refused.Add(new RefusedReading(reading, verdict.Reason!, verdict.Message!));
            }
        }

        if (fresh.Count == 0)
        {
            return new WindowMerge(null, refused);
        }

        var first = fresh[0].Reading;
        // An emptied window (a rebuild clears windows in place) starts over as a new one, from its first reading.
        var window = current is null || current.ReadingCount == 0
            ? new WindowAggregate(contributions.Key, first.DeviceType, first.Site)
            : WindowAggregate.Restore(contributions.Key, current.DeviceType, current.Site, current.ReadingCount, current.Metrics);
        foreach (var reading in fresh)
        {
            window.Add(reading.Reading);
        }

        var next = new RollupState(
            window.DeviceType, window.Site, window.ReadingCount, QuantileBudget.Fit(window.Metrics), admission.Absorbed);
        return new WindowMerge(next, refused);
    }
}

/// <summary>The outcome of folding contributions into a window.</summary>
/// <param name="Next">The state to write, or <see langword="null"/> when nothing changed.</param>
/// <param name="Refused">Readings left out because they would cross a limit.</param>
public sealed record WindowMerge(RollupState? Next, IReadOnlyList<RefusedReading> Refused);
