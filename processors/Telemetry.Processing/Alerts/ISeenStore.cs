using Telemetry.Contracts.Alerts;

namespace Telemetry.Processing.Alerts;

/// <summary>A device heard from: its newest reading of a batch.</summary>
public sealed record SeenUpdate(string DeviceId, string DeviceType, string Site, DateTimeOffset LastSeenAt, DateTimeOffset LastArrival)
{
    /// <summary>The shard the newest reading was read from, whose lag the watchdog allows for; null when unknown.</summary>
    public string? ShardId { get; init; }

    /// <summary>
    /// The oldest stored last arrival that hides no silence (<see cref="SilenceWatch.GapFloor"/>): a device stored
    /// with an older one and no open silence may have had a silence the watchdog missed, so the plain update is
    /// refused and the alerter decides. Null for a type without a silence threshold.
    /// </summary>
    public DateTimeOffset? GapFloor { get; init; }

    /// <summary>
    /// The metrics of the newest reading recorded, for the fleet view (docs/dashboard.md); null keeps what is stored.
    /// As fresh as the last-seen time: the alerter writes both at most once per last-seen lag per device.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Latest { get; init; }
}

/// <summary>A device as stored for the watchdog: what it knows, the version its writes are conditioned on, and its outbox.</summary>
public sealed record StoredSeen(SeenDevice Device, long Version, IReadOnlyList<AlertEvent> Outbox);

/// <summary>The updates <see cref="ISeenStore.RecordAsync"/> did not write.</summary>
/// <param name="Refused">Refused by the store's condition: heard from later already, or quiet before them for longer than the <see cref="SeenUpdate.GapFloor"/> allows.</param>
/// <param name="Failed">Not written for any other reason; the readings must come back.</param>
public sealed record SeenRecording(IReadOnlyList<SeenUpdate> Refused, IReadOnlyList<SeenUpdate> Failed);

/// <summary>
/// When each device was last heard from, and its silences; and how far behind the stream the alerter was on each
/// shard, which says how stale those times may be (docs/alerter.md).
/// </summary>
public interface ISeenStore
{
    /// <summary>
    /// Moves each device's last-seen time forward (never back), leaving its silence and outbox alone, unless the device
    /// was heard from later already or is stored older than the update's <see cref="SeenUpdate.GapFloor"/> with no
    /// silence open.
    /// </summary>
    Task<SeenRecording> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken);

    /// <summary>One device as stored (a consistent read), or null.</summary>
    Task<StoredSeen?> ReadAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="update"/> and <paramref name="outbox"/> (the whole outbox), leaving the silence alone, if
    /// the device is still at <paramref name="read"/>'s version and last arrival (still absent when null); false when
    /// it changed.
    /// </summary>
    Task<bool> RecordAfterAsync(StoredSeen? read, SeenUpdate update, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken);

    /// <summary>Every device heard from.</summary>
    Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the device's silence (null: none) and outbox, if it is still at <paramref name="current"/>'s version and
    /// has not been heard from since; false when either changed.
    /// </summary>
    Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="lag"/> as its shard's latest measure unless one measured later is stored; false when it could not be written.</summary>
    Task<bool> RecordLagAsync(ShardLag lag, CancellationToken cancellationToken);

    /// <summary>Each shard's latest measured lag, by shard id.</summary>
    Task<IReadOnlyDictionary<string, ShardLag>> ReadLagsAsync(CancellationToken cancellationToken);
}
