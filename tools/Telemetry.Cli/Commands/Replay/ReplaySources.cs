using System.Runtime.CompilerServices;
using Telemetry.Cli.Commands.Archive;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>The archive's part of a replay: what it reads, from before which arrival, and the source to close.</summary>
internal sealed record ArchivePart(ArchiveLead Lead, DateTimeOffset? Earliest, ArchiveSource Source) : IDisposable
{
    public void Dispose() => Source.Dispose();
}

/// <summary>What a replay reads, in arrival order: the archive's part first when there is one, then the stream.</summary>
internal sealed class ReplaySources(StreamReplayReader stream, ArchivePart? archive)
{
    public ArchivePart? Archive => archive;

    public async IAsyncEnumerable<ReplayedRecord> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, Action<ReplayProgress> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (archive is not null)
        {
            await foreach (var record in archive.Lead.ReadAsync(from, to, archive.Earliest, cancellationToken))
            {
                yield return record;
            }
        }

        await foreach (var record in stream.ReadAsync(from, to, progress, cancellationToken))
        {
            yield return record;
        }
    }
}
