using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Fakes;

// The rollup table as a dictionary (RollupRecompute: the same WindowScreen and RollupMerge.Absorb as the DynamoDB
// store), with windows that can be made to fail: a failed window is left untouched, as a lost conditional write
// leaves it.
public sealed class InMemoryRollupStore(WindowLimits? limits = null) : IRollupStore
{
    private readonly RollupRecompute table = new(limits);
    private readonly HashSet<WindowKey> failing = [];

    public IReadOnlyDictionary<WindowKey, RollupState> Windows => table.Windows;

    public int Writes => table.Writes;

    // Writes to these windows fail until Heal() is called.
    public void Fail(params WindowKey[] keys) => failing.UnionWith(keys);

    public void Heal() => failing.Clear();

    public async Task<RollupApplyResult> ApplyAsync(IReadOnlyList<WindowContributions> contributions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contributions);
        var failed = contributions.Where(w => failing.Contains(w.Key)).ToList();
        var applied = await table.ApplyAsync([.. contributions.Where(w => !failing.Contains(w.Key))], cancellationToken);
        return new RollupApplyResult(failed, applied.Refused);
    }
}
