using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Functions.Tests.Fakes;

// The rollup table as a dictionary: the same RollupMerge.Absorb per window as the DynamoDB store, and a failed
// window is left untouched, as a lost conditional write leaves it.
public sealed class InMemoryRollupStore : IRollupStore
{
    private readonly Dictionary<WindowKey, RollupState> windows = [];
    private readonly HashSet<WindowKey> failing = [];

    public IReadOnlyDictionary<WindowKey, RollupState> Windows => windows;

    public int Writes { get; private set; }

    // Writes to these windows fail until Heal() is called.
    public void Fail(params WindowKey[] keys) => failing.UnionWith(keys);

    public void Heal() => failing.Clear();

    public Task<IReadOnlyList<WindowContributions>> ApplyAsync(IReadOnlyList<WindowContributions> contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var failed = new List<WindowContributions>();
        foreach (var window in contributions)
        {
            if (failing.Contains(window.Key))
            {
                failed.Add(window);
                continue;
            }

            if (RollupMerge.Absorb(windows.GetValueOrDefault(window.Key), window) is { } next)
            {
                windows[window.Key] = next;
                Writes++;
            }
        }

        return Task.FromResult<IReadOnlyList<WindowContributions>>(failed);
    }
}
