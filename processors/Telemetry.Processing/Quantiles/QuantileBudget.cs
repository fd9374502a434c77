namespace Telemetry.Processing.Quantiles;

/// <summary>
/// Keeps a window's sketches together within a byte budget, so that the quantiles can never push a rollup item past
/// DynamoDB's 400 KB (docs/percentiles.md). A window of a few metrics never comes near it; one with hundreds of
/// metrics over a range of magnitudes might, and then every sketch is folded to half as many bins until they fit.
/// At one bin per sign a sketch takes at most 43 bytes, so any budget above 43 bytes per metric is met.
/// </summary>
public static class QuantileBudget
{
    /// <summary>The bytes of sketches a rollup item may carry: with the rest at its limits it stays under 350 KB.</summary>
    public const int DefaultBytes = 160 * 1024;

    /// <summary>
    /// <paramref name="metrics"/> itself when its sketches fit in <paramref name="maxBytes"/>; otherwise a copy with
    /// every sketch folded to the largest bin count that fits.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricStats> Fit(IReadOnlyDictionary<string, MetricStats> metrics, int maxBytes = DefaultBytes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (Length(metrics.Values) <= maxBytes)
        {
            return metrics;
        }

        for (var bins = QuantileSketch.MaxBinsPerSign / 2; ; bins /= 2)
        {
            var folded = metrics.ToDictionary(
                m => m.Key, m => m.Value with { Quantiles = m.Value.Quantiles?.Collapse(bins) }, StringComparer.Ordinal);
            if (bins == 1 || Length(folded.Values) <= maxBytes)
            {
                return folded;
            }
        }
    }

    private static long Length(IEnumerable<MetricStats> metrics) =>
        metrics.Sum(m => m.Quantiles is { } sketch ? (long)QuantileSketchCodec.EncodedLength(sketch) : 0);
}
