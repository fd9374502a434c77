using Telemetry.Processing;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// The windows a rebuild owns: every window starting in [<see cref="From"/>, <see cref="To"/>) of the given devices
/// (all when none is named), at every resolution. Both bounds are aligned to the coarsest window, so a reading's
/// minute and hour are owned together or not at all.
/// </summary>
public sealed record RollupRange
{
    /// <summary>A range of whole <paramref name="coarsest"/> windows.</summary>
    /// <exception cref="ArgumentException">A bound is not aligned to <paramref name="coarsest"/>, or the range is empty.</exception>
    public RollupRange(DateTimeOffset from, DateTimeOffset? to, IReadOnlyCollection<string> devices, Resolution coarsest)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (coarsest.WindowStart(from) != from || (to is { } end && (coarsest.WindowStart(end) != end || end <= from)))
        {
            throw new ArgumentException($"A rollup range is whole {coarsest.Code()} windows, from before to: [{from:O}, {to:O}).");
        }

        From = from;
        To = to;
        Devices = devices.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Start of the first window owned.</summary>
    public DateTimeOffset From { get; }

    /// <summary>End of the last window owned; null: every window from <see cref="From"/> on.</summary>
    public DateTimeOffset? To { get; }

    /// <summary>Devices whose windows are owned; empty: every device.</summary>
    public IReadOnlySet<string> Devices { get; }

    /// <summary>Whether a reading of <paramref name="deviceId"/> stamped <paramref name="timestamp"/> belongs to owned windows.</summary>
    public bool Holds(string deviceId, DateTimeOffset timestamp) =>
        timestamp >= From && (To is not { } to || timestamp < to) && (Devices.Count == 0 || Devices.Contains(deviceId));
}
