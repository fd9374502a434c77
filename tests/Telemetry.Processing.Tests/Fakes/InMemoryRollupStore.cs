using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Fakes;

// The rollup table as a dictionary (RollupRecompute: the same WindowScreen and RollupMerge.Absorb as the DynamoDB
// store), with windows that can be made to fail: a failed window is left untouched, as a lost conditional write
// leaves it. As the DynamoDB store does once an hour has ended, hours are not written from readings but derived
// from their minutes after each write (HourDerivation); a failing hour hands back the minutes written into it.
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
        var minutes = contributions.Where(w => w.Key.Resolution == Resolution.Minute).ToList();
        var failed = minutes.Where(w => failing.Contains(w.Key)).ToList();
        var applied = await table.ApplyAsync([.. minutes.Where(w => !failing.Contains(w.Key))], cancellationToken);
        var failedHours = DeriveHours(minutes.Select(w => w.Key));
        failed.AddRange(minutes.Where(w => failedHours.Contains(HourOf(w.Key)) && !failed.Contains(w)));
        return new RollupApplyResult(failed, applied.Refused);
    }

    private static WindowKey HourOf(WindowKey key) => WindowKey.For(key.DeviceId, Resolution.Hour, key.Start);

    // Each hour of the minutes again from all its minutes; returns the hours made to fail.
    private HashSet<WindowKey> DeriveHours(IEnumerable<WindowKey> minutes)
    {
        var failedHours = new HashSet<WindowKey>();
        foreach (var hour in minutes.Select(HourOf).Distinct())
        {
            if (failing.Contains(hour))
            {
                failedHours.Add(hour);
                continue;
            }

            var held = Windows.Where(w => w.Key.Resolution == Resolution.Minute && HourOf(w.Key) == hour).Select(w => (w.Key.Start, w.Value)).ToList();
            if (HourDerivation.Derive(held, limits) is { } derived
                && !(Windows.GetValueOrDefault(hour) is { } stored && RollupRecompute.Same(stored, derived)))
            {
                table.Replace(hour, derived);
                FoldWrites++;
            }
        }

        return failedHours;
    }

    public Task<PartialFlushResult> FlushAsync(IReadOnlyDictionary<WindowKey, RollupState> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partials);
        var failed = new List<WindowKey>();
        var needs = new List<WindowKey>();
        var written = 0;
        foreach (var (key, partial) in partials.Where(p => p.Key.Resolution == Resolution.Minute))
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

        var later = needs.Select(HourOf).ToHashSet();
        failed.AddRange(DeriveHours(partials.Keys.Where(k => k.Resolution == Resolution.Minute && !later.Contains(HourOf(k)))));
        return Task.FromResult(new PartialFlushResult(failed, needs, written));
    }
}
