using System.Globalization;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// The table side of <c>--rebuild</c>: before the replay, the plan's windows are emptied (or, in a dry run, counted);
/// after it, those no reading came back to are removed. docs/replay.md says why this order is safe while the
/// aggregator runs.
/// </summary>
internal sealed class RollupRebuild(RebuildPlan plan, RollupReset reset, bool dryRun, TextWriter log, TimeProvider time)
{
    private long _windows;

    public RebuildPlan Plan => plan;

    /// <summary>Whether it began changing windows: from then on, stopping leaves them part-rebuilt.</summary>
    public bool Started { get; private set; }

    /// <summary>Empties the windows that hold readings (a dry run counts them), with a progress line.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        log.WriteLine(plan.Describe());
        if (dryRun)
        {
            _windows = await reset.CountAsync(plan.Windows, cancellationToken);
            return;
        }

        Started = true;
        var progress = new ProgressLine(log, time);
        _windows = await reset.EmptyAsync(
            plan.Windows,
            emptied => progress.Report(() => string.Create(CultureInfo.InvariantCulture, $"replay: {emptied:N0} window(s) emptied for the rebuild")),
            cancellationToken);
        progress.Done(string.Create(CultureInfo.InvariantCulture, $"replay: {_windows:N0} window(s) emptied; applying the stream."));
    }

    /// <summary>Removes the windows left empty, unless the replay failed to store some records (then a rerun finishes).</summary>
    public async Task<RebuildSummary> FinishAsync(long failed, CancellationToken cancellationToken)
    {
        long? removed = dryRun ? null : failed > 0 ? 0 : await reset.SweepAsync(plan.Windows, cancellationToken);
        if (failed > 0)
        {
            log.WriteLine(Unfinished);
        }

        return new RebuildSummary(plan.Windows.From, plan.Windows.To, _windows, removed);
    }

    /// <summary>What to do when a rebuild stopped part way: its windows hold only part of their readings.</summary>
    public static string Unfinished =>
        "replay: the rebuild did not finish: windows in its range may hold only part of their readings. Run the same command again to finish it (it is safe to repeat).";
}
