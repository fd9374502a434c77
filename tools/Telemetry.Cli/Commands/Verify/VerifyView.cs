using Spectre.Console;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>The table form of <c>verify</c>: the verdict, the totals, then the devices and poison that do not reconcile.</summary>
internal static class VerifyView
{
    private const int MaxRowsShown = 20;

    public static void Write(IAnsiConsole console, VerifyReport report, string path, ProducerLedger ledger)
    {
        console.MarkupLineInterpolated($"Ledger {path} ({(ledger.Complete ? "complete" : "incomplete: the simulator did not finish")}), {report.Devices.Count} device(s).");
        var totals = new Table().AddColumns("readings expected", "counted", "missing", "counted twice", "rejects expected", "rejects missing", "too late but counted", "unacknowledged but counted");
        totals.AddRow(
            report.Expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            report.Counted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            Flag(report.Missing),
            Flag(report.Duplicated),
            report.RejectsExpected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Flag(report.RejectsMissing),
            Flag(report.TooLateCounted),
            report.UnacknowledgedCounted.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(totals);

        var devices = report.Devices.Where(d => !d.Ok).ToList();
        if (devices.Count > 0)
        {
            var table = new Table().AddColumns("device", "boot", "expected", "counted", "missing seq", "counted twice", "too late but counted", "too late, not rejected");
            foreach (var d in devices.Take(MaxRowsShown))
            {
                table.AddRow(Markup.Escape(d.DeviceId), d.Boot.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    d.Counted.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(Short(d.Missing.ToString())), d.Duplicated.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(Short(d.TooLateCounted.ToString())), Markup.Escape(Short(d.TooLateNotRejected.ToString())));
            }

            console.Write(table);
            if (devices.Count > MaxRowsShown)
            {
                console.MarkupLineInterpolated($"… and {devices.Count - MaxRowsShown} more device(s); --json lists them all.");
            }
        }

        foreach (var poison in report.Poison.Where(p => !p.Ok).Take(MaxRowsShown))
        {
            console.MarkupLineInterpolated($"[red]poison {poison.ShardId}/{poison.SequenceNumber}: expected {poison.ExpectedReason}, found {poison.FoundReason ?? "nothing"}[/]");
        }

        WriteArchive(console, report.Archive);
        console.MarkupLine(report.Ok
            ? report.Archive is null
                ? "[green]Verified:[/] every acknowledged reading counted once, every expected reject in the rejected sink (archive not checked)."
                : "[green]Verified:[/] every acknowledged reading counted once and archived, every expected reject in the rejected sink."
            : "[red]Not verified:[/] see above.");
    }

    private static void WriteArchive(IAnsiConsole console, ArchiveCoverage? archive)
    {
        if (archive is null)
        {
            return;
        }

        // Numbers only, and Flag's own markup: nothing to escape.
        console.MarkupLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Archive: {archive.Expected - archive.Missing:N0} of {archive.Expected:N0} acknowledged readings in {archive.Objects:N0} object(s); missing {Flag(archive.Missing)}; archived more than once {archive.Duplicated:N0} (allowed: at-least-once delivery)."));
        if (archive.Unreadable > 0)
        {
            console.MarkupLineInterpolated($"[red]{archive.Unreadable} archive object(s) could not be read (see stderr).[/]");
        }

        foreach (var device in archive.Devices.Where(d => d.Missing.Count > 0).Take(MaxRowsShown))
        {
            console.MarkupLineInterpolated($"[red]not archived: {device.DeviceId} boot {device.Boot}: {Short(device.Missing.ToString())}[/]");
        }

        if (archive.Missing > 0)
        {
            console.MarkupLine("The archive stores its buffer once per buffering interval (archive.bufferingIntervalSeconds, 60 s by default): right after a run, check again with [bold]--wait 2m[/].");
        }
    }

    private static string Flag(long value) =>
        value == 0 ? "0" : $"[red]{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}[/]";

    private static string Short(string ranges) => ranges.Length <= 40 ? (ranges.Length == 0 ? "-" : ranges) : ranges[..39] + "…";
}
