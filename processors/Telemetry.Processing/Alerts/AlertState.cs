using Telemetry.Contracts;

namespace Telemetry.Processing.Alerts;

/// <summary>
/// What one rule knows about one device: its phase, the last reading folded in (readings are applied in the
/// device's own order, so this is also what makes applying a reading twice harmless), the current breach, and the
/// open episode while firing.
/// </summary>
/// <param name="Phase">OK, PENDING or FIRING.</param>
/// <param name="LastApplied">The last reading applied, or null before the first.</param>
/// <param name="BreachSince">Device time of the first reading of the current breach (PENDING and FIRING), else null.</param>
/// <param name="BreachReadings">Consecutive breaching readings so far (PENDING and FIRING), else 0.</param>
/// <param name="Episode">The open episode (FIRING), else null.</param>
public sealed record AlertState(AlertPhase Phase, ReadingId? LastApplied, DateTimeOffset? BreachSince, int BreachReadings, AlertEpisode? Episode)
{
    /// <summary>A pair that has seen no reading.</summary>
    public static AlertState Initial { get; } = new(AlertPhase.Ok, null, null, 0, null);

    /// <summary>
    /// Whether <paramref name="reading"/> comes after the last applied one in its device's order: a later boot, or
    /// a higher sequence number in the same boot.
    /// </summary>
    public bool IsNew(ReadingId reading) =>
        LastApplied is not { } last || reading.Boot > last.Boot || (reading.Boot == last.Boot && reading.Sequence > last.Sequence);
}
