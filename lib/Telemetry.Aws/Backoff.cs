namespace Telemetry.Aws;

/// <summary>
/// Exponential backoff with full jitter: a delay drawn uniformly from [0, min(maxDelay, baseDelay · 2^attempt)].
/// Full jitter spreads clients that failed together (throttled shards, colliding writers) apart on their retries.
/// </summary>
public static class Backoff
{
    // Past 2^62 the cap has long won; stopping there keeps the product finite even for a zero base delay.
    private const int MaxExponent = 62;

    /// <summary>The upper bound of the delay after attempt <paramref name="attempt"/> (0 for the first failure).</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.Zero);
        var ticks = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempt, MaxExponent)));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The delay after attempt <paramref name="attempt"/> (0 for the first failure), given a uniform sample
    /// <paramref name="random"/> in [0, 1]: 0 waits not at all, 1 waits the whole <see cref="Ceiling"/>.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        if (!(random is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(random), random, "The sample must lie in [0, 1].");
        }

        var ceiling = Ceiling(attempt, baseDelay, maxDelay);
        return TimeSpan.FromTicks((long)(random * ceiling.Ticks));
    }

    /// <summary>The delay after attempt <paramref name="attempt"/> (0 for the first failure), sampled from <paramref name="random"/>.</summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Delay(attempt, baseDelay, maxDelay, random.NextDouble());
    }
}
