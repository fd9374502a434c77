using Telemetry.Aws;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>Exponential backoff with full jitter, waited on the host's <see cref="TimeProvider"/>.</summary>
internal static class RetryDelay
{
    // Jitter keeps the pollers of many shards from retrying in lockstep.
    public static TimeSpan For(int attempt, EventSourceMappingSettings settings) =>
        Backoff.Delay(attempt, settings.RetryBaseDelay, settings.MaximumRetryDelay, Random.Shared);

    public static Task WaitAsync(int attempt, EventSourceMappingSettings settings, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(For(attempt, settings), time, cancellationToken);
}
