using System.Runtime.CompilerServices;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// The archive's part of a replay: what reads it, the arrival where the stream's part begins, and how late after an
/// arrival an object may be named.
/// </summary>
internal sealed record ArchivePart(ArchiveLead Lead, DateTimeOffset Boundary, TimeSpan Naming)
{
    /// <summary>
    /// Set after the stream's part: where the stream kept records from by then, when past the boundary (records between
    /// may have been trimmed before they were read); else null.
    /// </summary>
    public DateTimeOffset? TrimmedTo { get; set; }
}

/// <summary>What a replay reads, in arrival order: the archive's part first when there is one, then the stream.</summary>
internal sealed class ReplaySources(StreamReplayReader stream, ArchivePart? archive)
{
    public ArchivePart? Archive => archive;

    public async IAsyncEnumerable<ReplayedRecord> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, Action<ReplayProgress> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (archive is null)
        {
            await foreach (var record in stream.ReadAsync(from, to, progress, cancellationToken))
            {
                yield return record;
            }

            yield break;
        }

        await foreach (var record in archive.Lead.ReadAsync(from, to, archive.Boundary, archive.Naming, cancellationToken))
        {
            yield return record;
        }

        // From the boundary on, the stream's part: what arrived before came from the archive.
        await foreach (var record in stream.ReadAsync(archive.Boundary, to, progress, cancellationToken))
        {
            yield return record;
        }

        archive.TrimmedTo = await stream.EarliestArrivalAsync(cancellationToken) is { } kept && kept > archive.Boundary ? kept : null;
    }
}
