namespace Telemetry.Processing.Batches;

/// <summary>
/// The windows a rebuild would write, computed in memory from scratch (a rebuild's dry run): the same screen and
/// merge as the stored windows get, starting from nothing. Holds every window it is given, about a kilobyte each.
/// </summary>
public sealed class RollupRecompute(WindowLimits? limits = null) : IRollupStore
{
    private readonly WindowLimits limits = limits ?? WindowLimits.Default;
    private readonly Dictionary<WindowKey, RollupState> windows = [];

    /// <summary>Starting from <paramref name="held"/> instead of nothing: the aggregator's partials of a flush interval.</summary>
    public RollupRecompute(IReadOnlyDictionary<WindowKey, RollupState> held, WindowLimits? limits = null)
        : this(limits)
    {
        ArgumentNullException.ThrowIfNull(held);
        windows = new Dictionary<WindowKey, RollupState>(held);
    }

    public IReadOnlyDictionary<WindowKey, RollupState> Windows => windows;

    /// <summary>Window writes so far: one per window a batch changed, as the DynamoDB store would write it.</summary>
    public int Writes { get; private set; }

    public Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var screened = WindowScreen.Screen(contributions, windows.GetValueOrDefault, limits);
        var refused = new List<RefusedReading>(screened.Refused);
        foreach (var window in screened.Windows)
        {
            var merge = RollupMerge.Absorb(windows.GetValueOrDefault(window.Key), window, limits);
            refused.AddRange(merge.Refused);
            if (merge.Next is { } next)
            {
                windows[window.Key] = next;
                Writes++;
            }
        }

        return Task.FromResult(new RollupApplyResult([], refused));
    }

    /// <summary>Puts <paramref name="state"/> in place of the window: a partial folded in whole, as a store's flush writes it.</summary>
    public void Replace(WindowKey key, RollupState state) => windows[key] = state;

    /// <summary>
    /// How <paramref name="stored"/> compares with what was recomputed: whether a window holds the same readings
    /// (identities and count) and the same statistics, sums within a relative 1e-9 (added in another order, floating
    /// point sums differ in the last bits), sketches exactly (their bins are integers).
    /// </summary>
    public static bool Same(RollupState stored, RollupState recomputed)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(recomputed);
        return stored.ReadingCount == recomputed.ReadingCount
            && stored.DeviceType == recomputed.DeviceType
            && stored.Site == recomputed.Site
            && stored.Absorbed.ByBoot.Count == recomputed.Absorbed.ByBoot.Count
            && stored.Absorbed.ByBoot.All(p => recomputed.Absorbed.ByBoot.TryGetValue(p.Key, out var r) && r.ToString() == p.Value.ToString())
            && stored.Metrics.Count == recomputed.Metrics.Count
            && stored.Metrics.All(p => recomputed.Metrics.TryGetValue(p.Key, out var r) && Close(p.Value, r));
    }

    private static bool Close(MetricStats a, MetricStats b) =>
        a.Count == b.Count && Equals(a.Quantiles, b.Quantiles) && a.Min.Equals(b.Min) && a.Max.Equals(b.Max) && Close(a.Sum, b.Sum) && Close(a.SumOfSquares, b.SumOfSquares);

    private static bool Close(double a, double b) => a.Equals(b) || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
}
