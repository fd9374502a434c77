namespace Telemetry.Processing.Alerts;

/// <summary>
/// What the watchdog knows of a device: when it was last heard from and whether it is in a silence.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceType">Its type, which sets its silence threshold.</param>
/// <param name="Site">Its site.</param>
/// <param name="LastSeenAt">Device time of the newest reading recorded.</param>
/// <param name="LastArrival">When that reading reached the stream: the clock silence is measured on, so that a device's clock cannot make it look silent or alive.</param>
/// <param name="Silence">The open silence episode, or null.</param>
public sealed record SeenDevice(string DeviceId, string DeviceType, string Site, DateTimeOffset LastSeenAt, DateTimeOffset LastArrival, SilenceEpisode? Silence)
{
    /// <summary>The shard of the newest reading recorded, whose lag the watchdog allows for; null when not recorded.</summary>
    public string? ShardId { get; init; }

    /// <summary>The metrics of the newest reading recorded (<see cref="SeenUpdate.Latest"/>); empty when none was.</summary>
    public IReadOnlyDictionary<string, double> Latest { get; init; } = new Dictionary<string, double>();

    // A record compares a dictionary by reference; two reads of the same item must compare equal.
    public bool Equals(SeenDevice? other) =>
        other is not null
        && (DeviceId, DeviceType, Site, LastSeenAt, LastArrival, Silence, ShardId) == (other.DeviceId, other.DeviceType, other.Site, other.LastSeenAt, other.LastArrival, other.Silence, other.ShardId)
        && Latest.Count == other.Latest.Count
        && Latest.All(m => other.Latest.TryGetValue(m.Key, out var value) && value.Equals(m.Value));

    public override int GetHashCode() => HashCode.Combine(DeviceId, LastSeenAt, LastArrival, Silence, ShardId, Latest.Count);
}

/// <summary>An open silence: its stable id and the last reading before it.</summary>
public sealed record SilenceEpisode(string Id, DateTimeOffset LastSeenAt, DateTimeOffset LastArrival);
