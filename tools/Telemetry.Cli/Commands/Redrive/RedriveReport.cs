namespace Telemetry.Cli.Commands.Redrive;

/// <summary>What a redrive run did; <c>--json</c> prints it as is (camelCase).</summary>
/// <param name="Source">The on-failure file or queue read.</param>
/// <param name="DryRun">Nothing was written.</param>
/// <param name="Batches">Invocation records read (malformed ones not included).</param>
/// <param name="Redriven">Batches processed in full and taken out of the destination (in a dry run: that would be).</param>
/// <param name="Records">Records read back from the stream.</param>
/// <param name="Readings">Readings applied to the rollups; one counted before changes nothing (reading identity).</param>
/// <param name="Rejected">Records set aside in the rejected sink, with their reason.</param>
/// <param name="LostToRetention">Records of the batches no longer in the stream: not re-driven.</param>
/// <param name="Malformed">Entries that are not invocation records: reported and kept.</param>
/// <param name="Failed">Batches whose records could not all be stored or read: kept for the next run.</param>
/// <param name="Problems">One line per entry kept, saying where it is and why.</param>
public sealed record RedriveReport(
    string Source,
    bool DryRun,
    int Batches,
    int Redriven,
    int Records,
    int Readings,
    int Rejected,
    int LostToRetention,
    int Malformed,
    int Failed,
    IReadOnlyList<RedriveProblem> Problems)
{
    /// <summary>Everything found was re-driven.</summary>
    public bool Complete => Malformed == 0 && Failed == 0 && LostToRetention == 0;
}

/// <summary>An entry left in the destination.</summary>
public sealed record RedriveProblem(string Origin, string Problem);
