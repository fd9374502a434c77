using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>A device heard from: its newest reading of a batch.</summary>
public sealed record SeenUpdate(string DeviceId, string DeviceType, string Site, DateTimeOffset LastSeenAt, DateTimeOffset LastArrival);

/// <summary>A device as stored for the watchdog: what it knows, the version its writes are conditioned on, and its outbox.</summary>
public sealed record StoredSeen(SeenDevice Device, long Version, IReadOnlyList<AlertEvent> Outbox);

/// <summary>When each device was last heard from, and its silences (docs/alerter.md).</summary>
public interface ISeenStore
{
    /// <summary>Moves each device's last-seen time forward (never back); returns the updates that could not be written.</summary>
    Task<IReadOnlyList<SeenUpdate>> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken);

    /// <summary>Every device heard from.</summary>
    Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the device's silence (null: none) and outbox, if it is still at <paramref name="current"/>'s version and
    /// has not been heard from since; false when either changed.
    /// </summary>
    Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken);
}
