using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

/// <summary>
/// Decides, before anything is written, which of a batch's readings the windows cannot take, so that a reading is
/// refused from all of its windows or none: a minute and its hour never disagree about whether it counted.
/// </summary>
public static class WindowScreen
{
    /// <summary>
    /// The windows without the refused readings (windows left empty are dropped), and the refused readings, each once.
    /// <paramref name="stored"/> gives each window's state as read, or null for a window not yet stored.
    /// </summary>
    public static ScreenedBatch Screen(
        IReadOnlyList<WindowContributions> windows, Func<WindowKey, RollupState?> stored, WindowLimits limits)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(limits);

        var admissions = windows.ToDictionary(w => w.Key, w => new WindowAdmission(w.Key, stored(w.Key), limits));
        // A reading's place: the user records of one KPL aggregated record share its sequence number.
        var windowsOf = new Dictionary<(string ShardId, SequenceNumber Sequence, int? SubSequence), (SequencedReading Reading, List<WindowKey> Keys)>();
        foreach (var window in windows)
        {
            foreach (var reading in window.Readings)
            {
                if (!windowsOf.TryGetValue((reading.ShardId, reading.Sequence, reading.SubSequence), out var entry))
                {
                    entry = (reading, []);
                    windowsOf.Add((reading.ShardId, reading.Sequence, reading.SubSequence), entry);
                }

                entry.Keys.Add(window.Key);
            }
        }

        // Identity order, so that which reading crosses a limit does not depend on how the batch was cut.
        var refused = new List<RefusedReading>();
        var refusedPositions = new HashSet<(string, SequenceNumber, int?)>();
        foreach (var (reading, keys) in windowsOf.Values
                     .OrderBy(e => e.Reading.Reading.DeviceId, StringComparer.Ordinal)
                     .ThenBy(e => e.Reading.Reading.Boot)
                     .ThenBy(e => e.Reading.Reading.Sequence)
                     .ThenBy(e => e.Reading.ShardId, StringComparer.Ordinal)
                     .ThenBy(e => e.Reading.Sequence)
                     .ThenBy(e => e.Reading.SubSequence))
        {
            var verdicts = keys.Select(k => (Key: k, Verdict: admissions[k].Check(reading.Reading))).ToList();
            if (verdicts.FirstOrDefault(v => v.Verdict.IsRefused) is { Verdict: { } refusal })
            {
                refused.Add(new RefusedReading(reading, refusal.Reason!, refusal.Message!));
                refusedPositions.Add((reading.ShardId, reading.Sequence, reading.SubSequence));
                continue;
            }

            foreach (var (key, _) in verdicts.Where(v => v.Verdict.IsNew))
            {
                admissions[key].Admit(reading.Reading);
            }
        }

        var kept = refused.Count == 0
            ? windows
            : windows
                .Select(w => w with { Readings = [.. w.Readings.Where(r => !refusedPositions.Contains((r.ShardId, r.Sequence, r.SubSequence)))] })
                .Where(w => w.Readings.Count > 0)
                .ToList();
        return new ScreenedBatch(kept, refused);
    }
}

/// <summary>A batch's windows with the readings they can take, and the readings they cannot.</summary>
public sealed record ScreenedBatch(IReadOnlyList<WindowContributions> Windows, IReadOnlyList<RefusedReading> Refused);
