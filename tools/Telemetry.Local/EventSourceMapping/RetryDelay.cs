namespace Telemetry.Local.EventSourceMapping;

/// <summary>Exponential backoff with jitter, waited on the host's <see cref="TimeProvider"/>.</summary>
internal static class RetryDelay
{
    public static TimeSpan For(int attempt, EventSourceMappingSettings settings)
    {
        var exponent = Math.Clamp(attempt, 0, 20);
        var ceiling = Math.Min(settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), settings.MaximumRetryDelay.TotalMilliseconds);
        // Jitter keeps the pollers of many shards from retrying in lockstep; half the ceiling is kept as a floor.
#pragma warning disable CA5394 // Not security relevant.
        var jittered = (ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    public static Task WaitAsync(int attempt, EventSourceMappingSettings settings, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(For(attempt, settings), time, cancellationToken);
}
