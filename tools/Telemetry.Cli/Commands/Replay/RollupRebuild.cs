using System.Globalization;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// The table side of <c>--rebuild</c>: before the replay, the plan's windows are emptied (or, in a dry run, counted);
/// after it, those no reading came back to are removed. docs/replay.md says why this order is safe while the
/// aggregator runs.
/// </summary>
/// <param name="trimHorizon">The stream's trim horizon now: records that arrived before it are gone.</param>
internal sealed class RollupRebuild(
    RebuildPlan plan, RollupReset reset, Func<CancellationToken, Task<DateTimeOffset>> trimHorizon, bool dryRun, TextWriter log, TimeProvider time)
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

    /// <summary>
    /// Removes the windows left empty, unless the replay failed to store some records (a rerun finishes) or the stream
    /// trimmed records before they were read (then the first windows may be short, and say so).
    /// </summary>
    /// <param name="archive">When the archive was read first: what the stream's part found (its check of trimming replaces this one).</param>
    public async Task<RebuildSummary> FinishAsync(long failed, ArchivePart? archive, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return Summary(null, complete: true);
        }

        if (archive is { TrimmedTo: not null })
        {
            log.WriteLine("replay: the stream trimmed records while the rebuild read it (see below): windows left empty were not removed.");
            return Summary(0, complete: false);
        }

        var horizon = await trimHorizon(cancellationToken);
        if (archive is null && plan.Trimmed(horizon))
        {
            log.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"replay: the stream trimmed records the rebuild needed while it ran (it keeps them from {horizon:yyyy-MM-ddTHH:mm:ssZ}; the rebuild reads from {plan.ReadFrom:yyyy-MM-ddTHH:mm:ssZ}): windows before {horizon + Contracts.ReadingSchema.MaxFutureSkew:yyyy-MM-ddTHH:mm:ssZ} may miss readings that are only in the archive now. Windows left empty were not removed."));
            return Summary(0, complete: false);
        }

        if (failed > 0)
        {
            log.WriteLine(Unfinished);
            return Summary(0, complete: false);
        }

        return Summary(await reset.SweepAsync(plan.Windows, cancellationToken), complete: true);
    }

    /// <summary>The windows of the plan that <paramref name="recomputed"/> would change (a dry run).</summary>
    public Task<IReadOnlyList<WindowChange>> CompareAsync(IReadOnlyDictionary<WindowKey, RollupState> recomputed, CancellationToken cancellationToken) =>
        reset.CompareAsync(plan.Windows, recomputed, cancellationToken);

    /// <summary>What to do when a rebuild stopped part way: its windows hold only part of their readings.</summary>
    public static string Unfinished =>
        "replay: the rebuild did not finish: windows in its range may hold only part of their readings. Run the same command again to finish it (it is safe to repeat).";

    private RebuildSummary Summary(long? removed, bool complete) => new(plan.Windows.From, plan.Windows.To, _windows, removed, complete);
}
