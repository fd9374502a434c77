using Telemetry.Contracts;
using Telemetry.Local.Archive;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>
/// Reads the archive objects a run's records can be in (stored after the run began), each once however often
/// <see cref="RefreshAsync"/> is called: keys are never reused, so an object read stays read.
/// </summary>
internal sealed class ArchiveCoverageReader(ArchiveReader reader, ProducerLedger ledger, Action<string> log)
{
    private readonly ArchiveTally _tally = new(ledger);
    // S3's clock, not this machine's, stamps when an object was stored.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public async Task<ArchiveCoverage> RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var archived in await reader.ListAsync(ledger.StartedAt - ClockSkew, null, null, cancellationToken))
        {
            if (_read.Contains(archived.Key))
            {
                continue;
            }

            IReadOnlyList<ReadOnlyMemory<byte>> records;
            try
            {
                records = await reader.ReadAsync(archived, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                _read.Add(archived.Key);
                _tally.AddObject();
                _tally.AddUnreadable();
                log(e.Message);
                continue;
            }

            // Marked read only once its records are counted: a read that failed on the way is tried again next time.
            _read.Add(archived.Key);
            _tally.AddObject();

            foreach (var record in records)
            {
                // Judged as the aggregator judged it, near the time it arrived: a poison copy of a reading stamped in
                // the future (the simulator's) is not that reading archived twice, nor may it stand in for a lost one.
                if (ReadingDecoder.Decode(record.Span, archived.StoredAt) is { IsAccepted: true } decoded)
                {
                    _tally.Add(decoded.Reading);
                }
            }
        }

        return _tally.Coverage();
    }
}
