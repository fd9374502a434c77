using Telemetry.Contracts;

namespace Telemetry.Processing;

/// <summary>Assigns readings to their tumbling event-time windows.</summary>
public static class WindowAssigner
{
    /// <summary>One key per configured resolution, in the order of <see cref="AggregationOptions.Resolutions"/>.</summary>
    public static IEnumerable<WindowKey> KeysFor(Reading reading, AggregationOptions options)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(options);
        var keys = new WindowKey[options.Resolutions.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = WindowKey.For(reading.DeviceId, options.Resolutions[i], reading.Timestamp);
        }

        return keys;
    }
}
