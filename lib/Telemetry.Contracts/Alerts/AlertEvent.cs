namespace Telemetry.Contracts.Alerts;

/// <summary>
/// One alert event's detail: an episode opened or ended. <see cref="EpisodeId"/> and <see cref="DetailType"/>
/// together name the transition, the same on every redelivery, so a subscriber drops duplicates by that pair.
/// Threshold fields are set for <c>AlertRaised</c>/<c>AlertCleared</c>, silence fields for
/// <c>DeviceSilent</c>/<c>DeviceResumed</c>.
/// </summary>
/// <param name="DetailType">One of <see cref="AlertEventTypes.All"/>.</param>
/// <param name="EpisodeId">Stable id of the episode.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceType">Its type.</param>
/// <param name="Site">Its site.</param>
/// <param name="StartedAt">When the episode began: the first reading of the breach, or the last reading before the silence.</param>
public sealed record AlertEvent(string DetailType, string EpisodeId, string DeviceId, string DeviceType, string Site, DateTimeOffset StartedAt)
{
    /// <summary>When the episode ended (cleared, resumed); null while it is open.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The rule (threshold events).</summary>
    public string? RuleId { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c> (threshold events).</summary>
    public string? Severity { get; init; }

    /// <summary>The metric watched (threshold events).</summary>
    public string? Metric { get; init; }

    /// <summary><c>above</c> or <c>below</c> (threshold events).</summary>
    public string? Direction { get; init; }

    /// <summary>The metric's value in the reading that raised or cleared (threshold events).</summary>
    public double? Value { get; init; }

    /// <summary>The rule's threshold (threshold events).</summary>
    public double? Threshold { get; init; }

    /// <summary>The rule's clear level (threshold events).</summary>
    public double? ClearLevel { get; init; }

    /// <summary>Device time of the reading that met the rule's condition (threshold events).</summary>
    public DateTimeOffset? RaisedAt { get; init; }

    /// <summary>The device's last reading before the silence (silence events).</summary>
    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>How long its type may go without a reading (silence events).</summary>
    public TimeSpan? SilentAfter { get; init; }
}
