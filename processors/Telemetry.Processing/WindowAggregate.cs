using Telemetry.Contracts;
using Telemetry.Processing.Quantiles;

namespace Telemetry.Processing;

/// <summary>
/// Aggregate of one device's readings in one window: per metric <see cref="MetricStats"/>, plus the reading count
/// and the device's type and site. Mutable; not thread-safe.
/// </summary>
public sealed class WindowAggregate
{
    // A sketch per metric is built in place as readings arrive; MetricStats.Add would copy it for every value.
    private readonly Dictionary<string, Accumulator> _metrics = new(StringComparer.Ordinal);

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
    }

    /// <summary>Device, resolution and window start.</summary>
    public WindowKey Key { get; }

    /// <summary>Device type, as given at creation; readings of the same device are expected to agree.</summary>
    public string DeviceType { get; }

    /// <summary>Site, as given at creation.</summary>
    public string Site { get; }

    /// <summary>Readings absorbed; a metric's own count can be lower when some readings lack it.</summary>
    public long ReadingCount { get; private set; }

    /// <summary>Statistics per metric name (ordinal), as of now: a new dictionary on every call.</summary>
    public IReadOnlyDictionary<string, MetricStats> Metrics =>
        _metrics.ToDictionary(m => m.Key, m => m.Value.ToStats(), StringComparer.Ordinal);

    /// <summary>Creates an aggregate from stored parts, for adapters that read rollups back.</summary>
    public static WindowAggregate Restore(
        WindowKey key, string deviceType, string site, long readingCount, IEnumerable<KeyValuePair<string, MetricStats>> metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(readingCount);
        ArgumentNullException.ThrowIfNull(metrics);
        var aggregate = new WindowAggregate(key, deviceType, site) { ReadingCount = readingCount };
        foreach (var (name, stats) in metrics)
        {
            aggregate._metrics.Add(name, new Accumulator(stats));
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
            if (!_metrics.TryGetValue(name, out var accumulator))
            {
                _metrics.Add(name, accumulator = new Accumulator(MetricStats.Empty));
            }

            accumulator.Add(value);
        }
    }

    private sealed class Accumulator
    {
        private readonly QuantileSketchBuilder sketch = new();
        private MetricStats stats;

        // Stored statistics without a sketch (written before windows kept one) start an empty sketch, which then
        // counts fewer values than the statistics, so no percentile is claimed for the window.
        public Accumulator(MetricStats stored)
        {
            stats = stored with { Quantiles = null };
            if (stored.Quantiles is { } quantiles)
            {
                sketch.Add(quantiles);
            }
        }

        public void Add(double value)
        {
            sketch.Add(value);
            stats = stats.Merge(new MetricStats(1, value, value, value, value * value));
        }

        public MetricStats ToStats() => stats with { Quantiles = sketch.Build() };
    }
}
