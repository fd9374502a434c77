using System.Collections.ObjectModel;
using Telemetry.Contracts;

namespace Telemetry.Processing;

/// <summary>
/// Aggregate of one device's readings in one window: per metric <see cref="MetricStats"/>, plus the reading count
/// and the device's type and site. Mutable; not thread-safe.
/// </summary>
public sealed class WindowAggregate
{
    private readonly Dictionary<string, MetricStats> _metrics = new(StringComparer.Ordinal);

    /// <summary>Creates an empty aggregate.</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> has no device id or its start is not window-aligned.</exception>
    public WindowAggregate(WindowKey key, string deviceType, string site)
    {
        ArgumentException.ThrowIfNullOrEmpty(key.DeviceId, nameof(key));
        ArgumentNullException.ThrowIfNull(deviceType);
        ArgumentNullException.ThrowIfNull(site);
        if (key.Resolution.WindowStart(key.Start) != key.Start || key.Start.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException($"Window start {key.Start:O} is not a UTC {key.Resolution.Code()} boundary.", nameof(key));
        }

        Key = key;
        DeviceType = deviceType;
        Site = site;
        Metrics = new ReadOnlyDictionary<string, MetricStats>(_metrics);
    }

    /// <summary>Device, resolution and window start.</summary>
    public WindowKey Key { get; }

    /// <summary>Device type, as given at creation; readings of the same device are expected to agree.</summary>
    public string DeviceType { get; }

    /// <summary>Site, as given at creation.</summary>
    public string Site { get; }

    /// <summary>Readings absorbed; a metric's own count can be lower when some readings lack it.</summary>
    public long ReadingCount { get; private set; }

    /// <summary>Statistics per metric name (ordinal).</summary>
    public IReadOnlyDictionary<string, MetricStats> Metrics { get; }

    /// <summary>Creates an aggregate from stored parts, for adapters that read rollups back.</summary>
    public static WindowAggregate Restore(
        WindowKey key, string deviceType, string site, long readingCount, IEnumerable<KeyValuePair<string, MetricStats>> metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(readingCount);
        ArgumentNullException.ThrowIfNull(metrics);
        var aggregate = new WindowAggregate(key, deviceType, site) { ReadingCount = readingCount };
        foreach (var (name, stats) in metrics)
        {
            aggregate._metrics.Add(name, stats);
        }

        return aggregate;
    }

    /// <summary>Absorbs one reading.</summary>
    /// <exception cref="ArgumentException">The reading is of another device or outside this window.</exception>
    public void Add(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!string.Equals(reading.DeviceId, Key.DeviceId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Reading of device '{reading.DeviceId}' added to window of '{Key.DeviceId}'.", nameof(reading));
        }

        if (!Key.Contains(reading.Timestamp))
        {
            throw new ArgumentException(
                $"Reading at {reading.Timestamp:O} is outside window [{Key.Start:O}, {Key.End:O}).", nameof(reading));
        }

        ReadingCount++;
        foreach (var (name, value) in reading.Metrics)
        {
            _metrics[name] = _metrics.TryGetValue(name, out var stats) ? stats.Add(value) : MetricStats.Of(value);
        }
    }
}
