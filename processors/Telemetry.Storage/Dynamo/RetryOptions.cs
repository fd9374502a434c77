using Telemetry.Aws;

namespace Telemetry.Storage.Dynamo;

/// <summary>Bounds of the retries this adapter does on top of the SDK's own (unprocessed items, lost write races).</summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="BaseDelay">Delay cap of the first retry; it doubles with each retry.</param>
/// <param name="MaxDelay">Upper bound of any single delay.</param>
internal sealed record RetryOptions(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryOptions Default { get; } = new(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));

    // Full jitter spreads retrying writers apart, which is the point when they collide on the same items.
    // retry is 1 for the first retry; the shared backoff counts failed attempts from 0.
    internal TimeSpan DelayBefore(int retry) => Backoff.Delay(retry - 1, BaseDelay, MaxDelay, Random.Shared);
}
