namespace Telemetry.Producer.Faults;

/// <summary>
/// How far back late and too-late readings are stamped, and which stamps the aggregator will judge too late. Its
/// rule: a reading is too late when its 1-hour window ended more than the allowed lateness before it is processed.
/// Processing comes after sending, by an unknown lag, so each stamp keeps a margin of a quarter of the lateness
/// from the bound: a too-late stamp is too late however late it is processed; a late stamp still counts when it is
/// processed within the margin (6 h at the default 24 h) of being sent.
/// </summary>
public static class LatenessStamps
{
    /// <summary>The coarsest window the aggregator judges lateness by.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static TimeSpan Margin(TimeSpan lateness) => lateness / 4;

    /// <summary>
    /// How far before its scheduled time a late reading is stamped: between half of (lateness − margin) and
    /// lateness − margin. Its window ends after the stamp, so it is at most lateness − margin behind when sent.
    /// </summary>
    public static TimeSpan LateDelay(TimeSpan lateness, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var latest = lateness - Margin(lateness);
        return Between(latest / 2, latest, random);
    }

    /// <summary>
    /// How far before its scheduled time a too-late reading is stamped: lateness + window + margin to that plus
    /// another margin. Its window then ended more than lateness + margin before it was even sent.
    /// </summary>
    public static TimeSpan TooLateDelay(TimeSpan lateness, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var earliest = lateness + Window + Margin(lateness);
        return Between(earliest, earliest + Margin(lateness), random);
    }

    /// <summary>End of the 1-hour window <paramref name="timestamp"/> falls in.</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset timestamp)
    {
        var utc = timestamp.UtcTicks;
        return new DateTimeOffset(utc - (utc % Window.Ticks), TimeSpan.Zero) + Window;
    }

    /// <summary>
    /// Whether a reading stamped <paramref name="timestamp"/> is already too late at <paramref name="now"/>: then
    /// it is too late whenever it is processed. (A reading of the schedule of a long unpaced run can be.)
    /// </summary>
    public static bool IsTooLateAt(DateTimeOffset timestamp, DateTimeOffset now, TimeSpan lateness) =>
        now - WindowEnd(timestamp) > lateness;

    // Whole milliseconds, as timestamps carry no finer.
    private static TimeSpan Between(TimeSpan low, TimeSpan high, Random random) =>
        TimeSpan.FromMilliseconds(Math.Floor(low.TotalMilliseconds + (random.NextDouble() * (high - low).TotalMilliseconds)));
}
