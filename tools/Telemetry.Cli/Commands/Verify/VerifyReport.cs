using Telemetry.Contracts;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>A device of the ledger against the rollups.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Boot">The ledger's boot of it.</param>
/// <param name="Expected">Readings acknowledged and within the lateness: each must count once.</param>
/// <param name="Counted">Of those, readings the rollups absorbed.</param>
/// <param name="TooLate">Readings the producer stamped beyond the lateness: each must be rejected as TooLate.</param>
/// <param name="Missing">Expected readings absent from the minute or the hour rollups.</param>
/// <param name="Duplicated">Readings counted more than once.</param>
/// <param name="TooLateCounted">Readings stamped beyond the lateness that were counted anyway.</param>
/// <param name="TooLateNotRejected">Readings stamped beyond the lateness that are not in the rejected sink as TooLate.</param>
/// <param name="UnacknowledgedCounted">Readings whose put was never acknowledged but reached the stream (a lost answer): fine.</param>
internal sealed record DeviceVerdict(
    string DeviceId,
    long Boot,
    long Expected,
    long Counted,
    long TooLate,
    SequenceRanges Missing,
    long Duplicated,
    SequenceRanges TooLateCounted,
    SequenceRanges TooLateNotRejected,
    long UnacknowledgedCounted)
{
    public bool Ok => Missing.Count == 0 && Duplicated == 0 && TooLateCounted.Count == 0 && TooLateNotRejected.Count == 0;
}

/// <summary>An acknowledged poison record and the reason the sink holds for it (null: not there).</summary>
internal sealed record PoisonVerdict(string ExpectedReason, string ShardId, string SequenceNumber, string? FoundReason)
{
    public bool Ok => FoundReason == ExpectedReason;
}

/// <summary>The verdict over a whole ledger.</summary>
internal sealed record VerifyReport(IReadOnlyList<DeviceVerdict> Devices, IReadOnlyList<PoisonVerdict> Poison)
{
    public long Expected => Devices.Sum(d => d.Expected);

    public long Counted => Devices.Sum(d => d.Counted);

    public long Missing => Devices.Sum(d => d.Missing.Count);

    public long Duplicated => Devices.Sum(d => d.Duplicated);

    public long TooLateCounted => Devices.Sum(d => d.TooLateCounted.Count);

    /// <summary>Records that must be in the rejected sink: too-late readings and acknowledged poison.</summary>
    public long RejectsExpected => Devices.Sum(d => d.TooLate) + Poison.Count;

    public long RejectsMissing => Devices.Sum(d => d.TooLateNotRejected.Count) + Poison.Count(p => !p.Ok);

    public long UnacknowledgedCounted => Devices.Sum(d => d.UnacknowledgedCounted);

    /// <summary>How the archive covers the ledger; null when it was not checked (no archive, or <c>--no-archive</c>).</summary>
    public ArchiveCoverage? Archive { get; init; }

    public bool Ok => Devices.All(d => d.Ok) && Poison.All(p => p.Ok) && Archive is not { Ok: false };
}
