using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Fakes;

// The rollup table as a dictionary: the same WindowScreen and RollupMerge.Absorb as the DynamoDB store, and a failed
// window is left untouched, as a lost conditional write leaves it.
public sealed class InMemoryRollupStore(WindowLimits? limits = null) : IRollupStore
{
    private readonly WindowLimits limits = limits ?? WindowLimits.Default;
    private readonly Dictionary<WindowKey, RollupState> windows = [];
    private readonly HashSet<WindowKey> failing = [];

    public IReadOnlyDictionary<WindowKey, RollupState> Windows => windows;

    public int Writes { get; private set; }

    // Writes to these windows fail until Heal() is called.
    public void Fail(params WindowKey[] keys) => failing.UnionWith(keys);

    public void Heal() => failing.Clear();

    public Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var failed = contributions.Where(w => failing.Contains(w.Key)).ToList();
        var screened = WindowScreen.Screen([.. contributions.Where(w => !failing.Contains(w.Key))], windows.GetValueOrDefault, limits);
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

        return Task.FromResult(new RollupApplyResult(failed, refused));
    }
}
