namespace Telemetry.Aws.EventBridge;

/// <summary>How hard <see cref="EventBridgePublisher"/> tries before it reports an entry as failed.</summary>
public sealed record EventBridgePublisherOptions
{
    /// <summary>Calls that may carry one entry, the first included. Whole-call retries inside the client come on top.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Clock of the delays between attempts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of the full jitter; tests make it deterministic.</summary>
    public Random Jitter { get; init; } = Random.Shared;
}
