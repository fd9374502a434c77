namespace Telemetry.Aws.Kinesis;

/// <summary>Exponential backoff with full jitter: a uniformly random delay up to min(cap, base · 2^attempt).</summary>
internal static class RetryBackoff
{
    // Kinesis throttles per shard per second, so a first retry after ~100 ms is useful; the cap is the SDKs' 20 s.
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    /// <summary>
    /// <paramref name="attempt"/> is 0 for the delay after the first failed attempt; <paramref name="random"/> a
    /// uniform sample in [0, 1).
    /// </summary>
    public static TimeSpan Delay(int attempt, double random, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ceilingTicks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempt, 62)));
        return TimeSpan.FromTicks((long)(Math.Clamp(random, 0, 1) * ceilingTicks));
    }

    public static TimeSpan Delay(int attempt, double random) => Delay(attempt, random, BaseDelay, MaxDelay);
}
