using Telemetry.Contracts;

namespace Telemetry.Processing;

/// <summary>Aggregates a batch of readings into one <see cref="WindowAggregate"/> per window touched.</summary>
public static class Aggregator
{
    /// <summary>
    /// Aggregates every reading into each of its windows. Lateness is not judged here: filter with
    /// <see cref="EventTimePolicy.Judge"/> first. A window's device type and site are those of its first reading.
    /// </summary>
    public static IReadOnlyDictionary<WindowKey, WindowAggregate> Aggregate(IEnumerable<Reading> readings, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var windows = new Dictionary<WindowKey, WindowAggregate>();
        foreach (var reading in readings)
        {
            AddTo(windows, reading, options);
        }

        return windows;
    }

    /// <summary>Adds one reading to its windows in <paramref name="windows"/>, creating those it lacks.</summary>
    public static void AddTo(IDictionary<WindowKey, WindowAggregate> windows, Reading reading, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(windows);
        foreach (var key in WindowAssigner.KeysFor(reading, options))
        {
            if (!windows.TryGetValue(key, out var aggregate))
            {
                aggregate = new WindowAggregate(key, reading.DeviceType, reading.Site);
                windows.Add(key, aggregate);
            }

            aggregate.Add(reading);
        }
    }

    /// <summary>Merges partial aggregates of possibly different windows into one aggregate per window.</summary>
    /// <remarks>The inputs are not modified.</remarks>
    public static IReadOnlyDictionary<WindowKey, WindowAggregate> Merge(IEnumerable<WindowAggregate> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var windows = new Dictionary<WindowKey, WindowAggregate>();
        foreach (var partial in partials)
        {
            if (!windows.TryGetValue(partial.Key, out var aggregate))
            {
                aggregate = new WindowAggregate(partial.Key, partial.DeviceType, partial.Site);
                windows.Add(partial.Key, aggregate);
            }

            aggregate.Merge(partial);
        }

        return windows;
    }
}
