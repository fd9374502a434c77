using Telemetry.Contracts;
using Telemetry.Producer.Ledger;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>
/// What the archive holds of a ledger's devices, object by object, and how it covers what the producer had
/// acknowledged. Pure: the caller reads the objects.
/// </summary>
internal sealed class ArchiveTally(ProducerLedger ledger)
{
    private readonly Dictionary<(string DeviceId, long Boot), (SequenceRanges Seen, long Occurrences)> _devices =
        ledger.Devices.ToDictionary(d => (d.DeviceId, d.Boot), _ => (new SequenceRanges(), 0L));

    private int _objects;
    private int _unreadable;

    public void AddObject() => _objects++;

    public void AddUnreadable() => _unreadable++;

    /// <summary>Counts <paramref name="reading"/> when it is one of the ledger's devices and boots; others are not this run's.</summary>
    public void Add(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var key = (reading.DeviceId, reading.Boot);
        if (_devices.TryGetValue(key, out var tally))
        {
            tally.Seen.Add(reading.Sequence);
            _devices[key] = (tally.Seen, tally.Occurrences + 1);
        }
    }

    /// <summary>
    /// Every acknowledged reading must be archived, too-late ones included (the archive keeps what arrived, whatever
    /// the aggregator made of it); a reading archived more than once is at-least-once delivery, reported, allowed.
    /// </summary>
    public ArchiveCoverage Coverage()
    {
        var devices = ledger.Devices.Select(d =>
        {
            var (seen, occurrences) = _devices[(d.DeviceId, d.Boot)];
            return new ArchiveDeviceCoverage(d.DeviceId, d.Boot, d.Acknowledged.Count, d.Acknowledged.Except(seen), occurrences - seen.Count);
        }).ToList();
        return new ArchiveCoverage(_objects, _unreadable, devices);
    }
}

/// <summary>One device of the ledger against the archive.</summary>
/// <param name="Missing">Acknowledged readings in no archive object.</param>
/// <param name="Duplicated">Archived copies beyond the first of each reading.</param>
internal sealed record ArchiveDeviceCoverage(string DeviceId, long Boot, long Expected, SequenceRanges Missing, long Duplicated);

/// <summary>The archive against a whole ledger: <see cref="Ok"/> when every acknowledged reading is in a readable object.</summary>
internal sealed record ArchiveCoverage(int Objects, int Unreadable, IReadOnlyList<ArchiveDeviceCoverage> Devices)
{
    public long Expected => Devices.Sum(d => d.Expected);

    public long Missing => Devices.Sum(d => d.Missing.Count);

    public long Duplicated => Devices.Sum(d => d.Duplicated);

    public bool Ok => Missing == 0 && Unreadable == 0;
}
