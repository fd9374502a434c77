namespace Telemetry.Processing;

/// <summary>Identifies one device's tumbling window at one resolution.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Resolution">The window width.</param>
/// <param name="Start">Window start, as returned by <see cref="ResolutionExtensions.WindowStart"/> (UTC, aligned).</param>
public readonly record struct WindowKey(string DeviceId, Resolution Resolution, DateTimeOffset Start)
{
    /// <summary>Exclusive end of the window.</summary>
    public DateTimeOffset End => Start + Resolution.Duration();

    /// <summary>The key of the window at <paramref name="resolution"/> that holds <paramref name="timestamp"/>.</summary>
    public static WindowKey For(string deviceId, Resolution resolution, DateTimeOffset timestamp) =>
        new(deviceId, resolution, resolution.WindowStart(timestamp));

    /// <summary>Whether <paramref name="timestamp"/> falls in [<see cref="Start"/>, <see cref="End"/>).</summary>
    public bool Contains(DateTimeOffset timestamp) => timestamp >= Start && timestamp < End;
}
