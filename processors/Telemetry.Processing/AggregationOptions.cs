namespace Telemetry.Processing;

/// <summary>Which windows readings are aggregated into, and how late a reading may still update them.</summary>
/// <param name="Resolutions">Window widths to maintain; at least one. Duplicates are dropped.</param>
/// <param name="AllowedLateness">
/// How long after its coarsest window ends a reading is still accepted (event time vs. processing time); not negative.
/// </param>
public sealed record AggregationOptions(IReadOnlyList<Resolution> Resolutions, TimeSpan AllowedLateness)
{
    /// <summary>Minute and hour windows; readings up to 24 hours late are accepted.</summary>
    public static AggregationOptions Default { get; } = new([Resolution.Minute, Resolution.Hour], TimeSpan.FromHours(24));

    /// <summary>Window widths to maintain, distinct, in the order given.</summary>
    public IReadOnlyList<Resolution> Resolutions { get; init => field = Distinct(value); } = Distinct(Resolutions);

    /// <summary>Lateness bound; see <see cref="EventTimePolicy"/>.</summary>
    public TimeSpan AllowedLateness { get; init => field = NonNegative(value); } = NonNegative(AllowedLateness);

    /// <summary>The widest configured resolution.</summary>
    public Resolution Coarsest => Resolutions.MaxBy(r => r.Duration());

    /// <summary>The resolution lateness is judged against when it is not <see cref="Coarsest"/>; see <see cref="LatenessWindow"/>.</summary>
    public Resolution? LatenessResolution { get; init; }

    /// <summary>The windows lateness is judged against: the coarsest a reading feeds, written or derived.</summary>
    public Resolution LatenessWindow => LatenessResolution ?? Coarsest;

    /// <summary>
    /// What the aggregator writes: minute windows only. Hours are derived from them once ended
    /// (docs/hour-rollups.md), yet a reading is still judged late against its hour, so that it feeds both or neither.
    /// </summary>
    public static AggregationOptions Written(TimeSpan allowedLateness) =>
        new([Resolution.Minute], allowedLateness) { LatenessResolution = Resolution.Hour };

    private static Resolution[] Distinct(IReadOnlyList<Resolution> resolutions)
    {
        ArgumentNullException.ThrowIfNull(resolutions);
        var distinct = resolutions.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            throw new ArgumentException("At least one resolution is required.", nameof(resolutions));
        }

        foreach (var r in distinct)
        {
            _ = r.Duration();
        }

        return distinct;
    }

    private static TimeSpan NonNegative(TimeSpan lateness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lateness, TimeSpan.Zero);
        return lateness;
    }
}
