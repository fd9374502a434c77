using System.Globalization;
using Telemetry.Processing;
using Telemetry.Processing.Batches;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>What a replay read and wrote; its public properties are the <c>--json</c> summary.</summary>
internal sealed class ReplaySummary(DateTimeOffset from, DateTimeOffset to, string? into)
{
    private readonly HashSet<string> _devices = new(StringComparer.Ordinal);

    public DateTimeOffset From => from;

    public DateTimeOffset To => to;

    /// <summary>Where the readings went; null for a dry run.</summary>
    public string? Into => into;

    /// <summary>Records read from the stream in the range.</summary>
    public long Records => Readings + NotReadings + OtherDevices + OutsideWindows;

    /// <summary>Readings written (or, in a dry run, that would be).</summary>
    public long Readings { get; private set; }

    /// <summary>Records the aggregator would reject (not JSON, wrong types, stamped in the future): never replayed.</summary>
    public long NotReadings { get; private set; }

    /// <summary>Readings of devices other than <c>--device</c>.</summary>
    public long OtherDevices { get; private set; }

    /// <summary>With <c>--rebuild</c>: readings of windows outside the rebuilt ones (read only because they arrived in the range).</summary>
    public long OutsideWindows { get; private set; }

    /// <summary>With <c>--rebuild</c>: the windows recomputed; else null.</summary>
    public RebuildSummary? Rebuild { get; private set; }

    public int Devices => _devices.Count;

    public DateTimeOffset? FirstArrival { get; private set; }

    public DateTimeOffset? LastArrival { get; private set; }

    public double ElapsedSeconds { get; private set; }

    /// <summary>With <c>--into rollups</c>: readings the aggregator's processing accepted (counted now, or already before); else null.</summary>
    public long? Accepted { get; private set; }

    /// <summary>With <c>--into rollups</c>: records it rejected, kept in the rejected sink with their reason.</summary>
    public long? Rejected { get; private set; }

    /// <summary>With <c>--into rollups</c>: records whose effect could not be stored; the replay exits 1, run it again.</summary>
    public long? Failed { get; private set; }

    public void Applied(long accepted, long rejected, long failed) => (Accepted, Rejected, Failed) = (accepted, rejected, failed);

    public void Reading(string deviceId, DateTimeOffset arrival)
    {
        Readings++;
        _devices.Add(deviceId);
        FirstArrival = FirstArrival is { } first && first < arrival ? first : arrival;
        LastArrival = LastArrival is { } last && last > arrival ? last : arrival;
    }

    public void NotReading() => NotReadings++;

    public void Skipped() => OtherDevices++;

    public void Outside() => OutsideWindows++;

    /// <summary>Records read from the archive (counted in <see cref="Records"/> too).</summary>
    public long FromArchive { get; private set; }

    /// <summary>When the archive was read: its objects; else null.</summary>
    public ArchiveSummary? Archive { get; private set; }

    public void Archived() => FromArchive++;

    public void ArchiveRead(ArchiveSummary archive) => Archive = archive;

    public void Rebuilt(RebuildSummary rebuild) => Rebuild = rebuild;

    /// <summary>With <c>--into rollups --dry-run</c>: how many windows the replay would change; else null.</summary>
    public long? WindowsThatWouldChange { get; private set; }

    /// <summary>The first <see cref="ListedChanges"/> of them, oldest window first.</summary>
    public IReadOnlyList<ChangedWindow>? Changes { get; private set; }

    public void WouldChange(IReadOnlyList<WindowChange> changes)
    {
        WindowsThatWouldChange = changes.Count;
        Changes = [.. changes
            .OrderBy(c => c.Key.Start).ThenBy(c => c.Key.DeviceId, StringComparer.Ordinal).ThenBy(c => c.Key.Resolution)
            .Take(ListedChanges)
            .Select(c => new ChangedWindow(c.Key.DeviceId, c.Key.Resolution.Code(), c.Key.Start, c.Kind.ToString().ToLowerInvariant()))];
    }

    public ReplaySummary Finish(TimeSpan elapsed)
    {
        ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 1);
        return this;
    }

    public string Describe(string target, string stream) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"replay: {Readings:N0} reading(s) of {Devices} device(s) {Outcome()}, from {Records:N0} record(s) that arrived in [{From:yyyy-MM-ddTHH:mm:ssZ}, {To:yyyy-MM-ddTHH:mm:ssZ}) on stream '{stream}' ({target}); {NotReadings:N0} not readings, {OtherDevices:N0} of other devices{OutsideText()}{ArchiveText()}; {ElapsedSeconds:0.0} s.{RebuildText()}{ChangesText()}");

    private const int ListedChanges = 1000;
    private const int ChangesInText = 10;

    private string ChangesText() => Changes switch
    {
        null => "",
        [] => " No window would change.",
        _ => string.Create(
            CultureInfo.InvariantCulture,
            $" {WindowsThatWouldChange:N0} window(s) would change: {string.Join("; ", Changes.Take(ChangesInText).Select(c => $"{c.DeviceId} {c.Resolution} {c.WindowStart:yyyy-MM-ddTHH:mm}Z {c.Change}"))}{(WindowsThatWouldChange > ChangesInText ? "; … (--json lists up to 1,000)" : "")}."),
    };

    private string ArchiveText() => Archive is { } a
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"; {FromArchive:N0} record(s) from {a.Objects:N0} archive object(s) for what arrived before {a.Boundary:yyyy-MM-ddTHH:mm:ssZ} ({a.LeftToStream:N0} archived ones left to the stream, which holds them too{(a.Unreadable > 0 ? $"; {a.Unreadable} object(s) unreadable, their records missing" : "")}{(a.TrimmedTo is { } t ? $"; the stream trimmed to {t:yyyy-MM-ddTHH:mm:ssZ} while it was read: what arrived between {a.Boundary:yyyy-MM-ddTHH:mm:ssZ} and then may be missing, run again" : "")})")
        : "";

    private string OutsideText() => Rebuild is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {OutsideWindows:N0} outside the rebuilt windows");

    private string RebuildText() => Rebuild switch
    {
        null => "",
        { Removed: null } r => string.Create(CultureInfo.InvariantCulture, $" The rebuild would recompute the {r.Windows:N0} window(s) holding readings from {r.From:yyyy-MM-ddTHH:mm:ssZ}{Until(r)} (dry run)."),
        { Complete: false } r => string.Create(CultureInfo.InvariantCulture, $" The rebuild of the windows from {r.From:yyyy-MM-ddTHH:mm:ssZ}{Until(r)} did not complete ({r.Windows:N0} emptied first): see above."),
        { } r => string.Create(CultureInfo.InvariantCulture, $" Rebuilt the windows from {r.From:yyyy-MM-ddTHH:mm:ssZ}{Until(r)}: {r.Windows:N0} emptied first, {r.Removed:N0} left without a reading and removed."),
    };

    private static string Until(RebuildSummary r) => r.To is { } to ? string.Create(CultureInfo.InvariantCulture, $" to {to:yyyy-MM-ddTHH:mm:ssZ}") : " on";

    private string Outcome() => Into switch
    {
        null when Failed is > 0 => string.Create(CultureInfo.InvariantCulture, $"would be replayed (dry run; {Failed:N0} could not be compared with the stored windows: the table could not be read, run again)"),
        null => "would be replayed (dry run)",
        ReplaySettings.Stdout => "written to stdout",
        ReplaySettings.Rollups => string.Create(
            CultureInfo.InvariantCulture,
            $"applied to the rollups ({Accepted:N0} accepted: counted now or already before; {Rejected:N0} rejected, in the rejected sink; {Failed:N0} not stored)"),
        ReplaySettings.Alerts => string.Create(
            CultureInfo.InvariantCulture,
            $"applied to the alerts ({Accepted:N0} accepted: applied now or already before; {Rejected:N0} rejected, in the rejected sink; {Failed:N0} not stored or not published)"),
        _ => $"written to {Into}",
    };
}

/// <summary>What <c>--rebuild</c> recomputed.</summary>
/// <param name="From">Start of the first window rebuilt (--from aligned down).</param>
/// <param name="To">End of the last (--to aligned up); null: every window from <paramref name="From"/> on.</param>
/// <param name="Windows">Windows that held readings and were emptied before the replay (in a dry run: would be).</param>
/// <param name="Removed">Windows no replayed reading came back to, deleted at the end; null in a dry run.</param>
/// <param name="Complete">False when the rebuild stopped short (records not stored, or trimmed before read): exit 1.</param>
internal sealed record RebuildSummary(DateTimeOffset From, DateTimeOffset? To, long Windows, long? Removed, bool Complete);

/// <summary>A window a dry run found would change.</summary>
/// <param name="Change">created, changed, or removed (a rebuild leaves no reading in it).</param>
internal sealed record ChangedWindow(string DeviceId, string Resolution, DateTimeOffset WindowStart, string Change);

/// <summary>What a replay read from the archive.</summary>
/// <param name="Boundary">Arrival before which records came from the archive, from which from the stream.</param>
/// <param name="Objects">Objects read.</param>
/// <param name="Unreadable">Objects that could not be read: their records are missing (exit 1).</param>
/// <param name="LeftToStream">Archived records the stream holds too, read from the stream only.</param>
/// <param name="TrimmedTo">Where the stream kept records from after it was read, when past the boundary (exit 1); else null.</param>
internal sealed record ArchiveSummary(DateTimeOffset Boundary, int Objects, int Unreadable, long LeftToStream, DateTimeOffset? TrimmedTo);
