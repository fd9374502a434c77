namespace Telemetry.Producer.Sending;

/// <summary>Exponential backoff with full jitter: a uniform delay in [0, min(cap, base × 2^(retry-1))).</summary>
public static class Backoff
{
    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public static TimeSpan FullJitter(int retry, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(retry);
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = Ceiling(retry, baseDelay, maxDelay);
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling.Ticks));
    }

    /// <summary>The upper bound of the jittered delay before retry number <paramref name="retry"/>.</summary>
    public static TimeSpan Ceiling(int retry, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        // Beyond 2^30 the cap has long won; stopping there keeps the multiplication from overflowing.
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        var ticks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
