namespace Telemetry.Cli.Commands.Bench;

/// <summary>Nearest-rank percentiles and the min/median/max of repeated measurements: what the bench tables quote.</summary>
internal static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the values at or below it; null for none.</summary>
    public static double? NearestRank(IReadOnlyList<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[rank - 1];
    }

    /// <summary>Min, median and max of repeated runs; the median of an even count is the lower middle, a value that was measured.</summary>
    public static Spread Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("At least one measurement is needed.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        return new Spread(sorted[0], sorted[(sorted.Length - 1) / 2], sorted[^1]);
    }
}

/// <summary>The spread of one figure over the bench's rounds.</summary>
internal sealed record Spread(double Min, double Median, double Max);
