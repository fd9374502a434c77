using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>The <c>--json</c> shape of <c>verify</c>: totals first, then only the devices and poison that do not reconcile.</summary>
internal sealed record VerifyJson(
    bool Ok,
    long Missing,
    long Duplicated,
    int Devices,
    long Expected,
    long Counted,
    long TooLateCounted,
    long RejectsExpected,
    long RejectsMissing,
    long UnacknowledgedCounted,
    string Ledger,
    bool LedgerComplete,
    IReadOnlyList<VerifyJson.DeviceProblem> Problems,
    IReadOnlyList<VerifyJson.PoisonProblem> PoisonProblems,
    VerifyJson.ArchiveJson? Archive)
{
    public static VerifyJson From(VerifyReport report, string path, ProducerLedger ledger) => new(
        report.Ok,
        report.Missing,
        report.Duplicated,
        report.Devices.Count,
        report.Expected,
        report.Counted,
        report.TooLateCounted,
        report.RejectsExpected,
        report.RejectsMissing,
        report.UnacknowledgedCounted,
        path,
        ledger.Complete,
        [.. report.Devices.Where(d => !d.Ok).Select(d => new DeviceProblem(
            d.DeviceId, d.Boot, d.Expected, d.Counted, d.Missing.ToString(), d.Duplicated, d.TooLateCounted.ToString(), d.TooLateNotRejected.ToString()))],
        [.. report.Poison.Where(p => !p.Ok).Select(p => new PoisonProblem(p.ShardId, p.SequenceNumber, p.ExpectedReason, p.FoundReason))],
        report.Archive is { } archive
            ? new ArchiveJson(
                archive.Ok,
                archive.Objects,
                archive.Unreadable,
                archive.Expected,
                archive.Missing,
                archive.Duplicated,
                [.. archive.Devices.Where(d => d.Missing.Count > 0).Select(d => new ArchiveProblem(d.DeviceId, d.Boot, d.Missing.ToString()))])
            : null);

    /// <param name="Missing">Sequence numbers (ranges) expected but not counted.</param>
    /// <param name="TooLateCounted">Too-late sequence numbers that were counted.</param>
    /// <param name="TooLateNotRejected">Too-late sequence numbers not in the rejected sink.</param>
    internal sealed record DeviceProblem(
        string DeviceId, long Boot, long Expected, long Counted, string Missing, long Duplicated, string TooLateCounted, string TooLateNotRejected);

    /// <summary>Archive coverage; <paramref name="Duplicated"/> copies beyond the first are allowed (at-least-once delivery).</summary>
    internal sealed record ArchiveJson(bool Ok, int Objects, int Unreadable, long Expected, long Missing, long Duplicated, IReadOnlyList<ArchiveProblem> Problems);

    internal sealed record ArchiveProblem(string DeviceId, long Boot, string Missing);

    internal sealed record PoisonProblem(string ShardId, string SequenceNumber, string ExpectedReason, string? FoundReason);
}
