namespace Telemetry.Processing.Batches;

/// <summary>
/// What one stored window may hold, so that no valid reading can make it too large for DynamoDB's 400 KB item:
/// the reading that would cross a limit is refused with its own reason instead. See docs/reading-identity.md for
/// the item-size budget these defaults keep.
/// </summary>
/// <param name="MaxMetrics">Distinct metric names in one window.</param>
/// <param name="MaxAbsorbedLength">Characters of the absorbed-readings identity (<see cref="AbsorbedReadings.StoredLength"/>).</param>
public sealed record WindowLimits(int MaxMetrics, int MaxAbsorbedLength)
{
    /// <summary>Reject reason of a reading that would bring a window past <see cref="MaxMetrics"/>.</summary>
    public const string MetricLimitReason = "WindowMetricLimit";

    /// <summary>Reject reason of a reading whose identity would bring a window past <see cref="MaxAbsorbedLength"/>.</summary>
    public const string IdentityLimitReason = "WindowIdentityLimit";

    /// <summary>256 metrics and 128 Ki characters of identity: at most about 190 KB per item.</summary>
    public static WindowLimits Default { get; } = new(256, 128 * 1024);
}
