namespace Telemetry.Processing.Alerts;

/// <summary>
/// How long a breach must last before a rule fires: for a span of event time (<see cref="HoldFor"/>), or for a
/// number of consecutive readings (<see cref="Consecutive"/>). The default, one reading, fires at once.
/// </summary>
public sealed record AlertCondition
{
    private AlertCondition(TimeSpan? holdFor, int consecutive)
    {
        HoldFor = holdFor;
        Consecutive = consecutive;
    }

    /// <summary>Fires on the first breaching reading.</summary>
    public static AlertCondition Immediately { get; } = new(null, 1);

    /// <summary>Event time from the first breaching reading that a breach must last, or null for a count condition.</summary>
    public TimeSpan? HoldFor { get; }

    /// <summary>Consecutive breaching readings needed (1 for a duration condition: the first one starts the clock).</summary>
    public int Consecutive { get; }

    public static AlertCondition For(TimeSpan holdFor) =>
        holdFor > TimeSpan.Zero ? new(holdFor, 1) : throw new ArgumentOutOfRangeException(nameof(holdFor), holdFor, "A hold time is positive.");

    public static AlertCondition ConsecutiveReadings(int count) =>
        count >= 1 ? new(null, count) : throw new ArgumentOutOfRangeException(nameof(count), count, "At least one reading.");

    /// <summary>Whether a breach that began at <paramref name="since"/> and has lasted <paramref name="readings"/> readings up to <paramref name="now"/> fires.</summary>
    public bool IsMet(DateTimeOffset since, DateTimeOffset now, int readings) =>
        HoldFor is { } hold ? now - since >= hold : readings >= Consecutive;
}
