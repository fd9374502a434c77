using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Fakes;

// The rollup table as a dictionary (RollupRecompute: the same WindowScreen and RollupMerge.Absorb as the DynamoDB
// store), with windows that can be made to fail: a failed window is left untouched, as a lost conditional write
// leaves it.
public sealed class InMemoryRollupStore(WindowLimits? limits = null) : IRollupStore, IPartialRollupStore
{
    private readonly WindowLimits limits = limits ?? WindowLimits.Default;
    private readonly RollupRecompute table = new(limits);
    private readonly HashSet<WindowKey> failing = [];

    public IReadOnlyDictionary<WindowKey, RollupState> Windows => table.Windows;

    public int Writes => table.Writes + FoldWrites;

    // Windows written whole from partials (PartialCombine), and those handed back to be applied reading by reading.
    public int FoldWrites { get; private set; }

    public int NeedsReadings { get; private set; }

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

    public Task<PartialFlushResult> FlushAsync(string shardId, IReadOnlyDictionary<WindowKey, RollupState> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var failed = new List<WindowKey>();
        var needs = new List<WindowKey>();
        var written = 0;
        foreach (var (key, partial) in partials)
        {
            if (failing.Contains(key))
            {
                failed.Add(key);
                continue;
            }

            var combination = PartialCombine.Combine(Windows.GetValueOrDefault(key), partial, limits);
            if (combination.IsNeedsReadings)
            {
                needs.Add(key);
                NeedsReadings++;
            }
            else if (combination.Next is { } next)
            {
                table.Replace(key, next);
                written++;
                FoldWrites++;
            }
        }

        return Task.FromResult(new PartialFlushResult(failed, needs, written));
    }
}
