namespace Telemetry.Contracts;

/// <summary>
/// Compares readings by content. The record's own equality compares <see cref="Reading.Metrics"/> by reference,
/// which is rarely what a round-trip or de-duplication check wants.
/// </summary>
public sealed class ReadingComparer : IEqualityComparer<Reading>
{
    /// <summary>The shared instance.</summary>
    public static ReadingComparer Instance { get; } = new();

    private ReadingComparer()
    {
    }

    /// <inheritdoc />
    public bool Equals(Reading? x, Reading? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null)
        {
            return false;
        }

        return x.SchemaVersion == y.SchemaVersion
            && string.Equals(x.DeviceId, y.DeviceId, StringComparison.Ordinal)
            && string.Equals(x.DeviceType, y.DeviceType, StringComparison.Ordinal)
            && string.Equals(x.Site, y.Site, StringComparison.Ordinal)
            && x.Timestamp.Equals(y.Timestamp)
            && x.Sequence == y.Sequence
            && x.Boot == y.Boot
            && MetricsEqual(x.Metrics, y.Metrics);
    }

    /// <inheritdoc />
    public int GetHashCode(Reading obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashCode.Combine(obj.SchemaVersion, obj.DeviceId, obj.Timestamp, obj.Sequence, obj.Metrics.Count);
    }

    private static bool MetricsEqual(IReadOnlyDictionary<string, double> x, IReadOnlyDictionary<string, double> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        foreach (var (name, value) in x)
        {
            if (!y.TryGetValue(name, out var other) || !value.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
