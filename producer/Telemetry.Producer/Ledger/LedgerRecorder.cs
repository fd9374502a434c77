using Telemetry.Contracts;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Ledger;

/// <summary>
/// Keeps a run's ledger in memory as it goes: the simulator reports what it generated, handed to PutRecords and
/// saw acknowledged; <see cref="Snapshot"/> may be taken from another thread at any time. A reading counts as
/// acknowledged only on Kinesis' answer; whatever was generated and not (yet) acknowledged is unacknowledged.
/// </summary>
public sealed class LedgerRecorder(string streamName, int seed, DateTimeOffset startedAt, TimeSpan allowedLateness)
{
    private readonly Lock _lock = new();
    private readonly List<DeviceEntry> _devices = [];
    private readonly Dictionary<string, DeviceEntry> _byId = new(StringComparer.Ordinal);
    private readonly List<LedgerPoison> _poison = [];
    private IReadOnlyList<LedgerAnomaly> _anomalies = [];
    private long _readings;
    private long _duplicates;
    private long _outOfOrder;
    private long _late;
    private long _tooLate;
    private long _poisonSent;

    public string StreamName { get; } = streamName;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Lists the fleet's devices, in fleet order, with the numbering run of their readings.</summary>
    public void Begin(Fleet fleet, long boot)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        lock (_lock)
        {
            foreach (var device in fleet.Devices)
            {
                var entry = new DeviceEntry(device.DeviceId, device.DeviceType, device.Site, boot);
                _devices.Add(entry);
                _byId[device.DeviceId] = entry;
            }
        }
    }

    /// <summary>The anomalies the run plans: intentions, unlike the rest of the ledger, which a checker compares with the alerts.</summary>
    public void Planned(IReadOnlyList<LedgerAnomaly> anomalies)
    {
        ArgumentNullException.ThrowIfNull(anomalies);
        lock (_lock)
        {
            _anomalies = [.. anomalies];
        }
    }

    /// <summary>A reading of the schedule was generated: from now on it is at least unacknowledged.</summary>
    public void Generated(PlannedRecord reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Kind != PlannedKind.Reading)
        {
            return;
        }

        lock (_lock)
        {
            _byId[reading.DeviceId].Generated.Add(reading.Sequence);
        }
    }

    /// <summary>A record is about to be put for the first time.</summary>
    public void Handed(PlannedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            switch (record.Kind)
            {
                case PlannedKind.Reading:
                    _readings++;
                    _outOfOrder += record.OutOfOrder ? 1 : 0;
                    _late += record.Late ? 1 : 0;
                    _tooLate += record.TooLate ? 1 : 0;
                    break;
                case PlannedKind.Duplicate:
                    _duplicates++;
                    break;
                case PlannedKind.Poison:
                    _poisonSent++;
                    break;
            }
        }
    }

    /// <summary>Kinesis acknowledged <paramref name="record"/>, at its sub-sequence number when it went aggregated.</summary>
    public void Acknowledged(PlannedRecord record, string? shardId, string? sequenceNumber, int? subSequence = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (record.Kind == PlannedKind.Poison)
            {
                _poison.Add(new LedgerPoison(record.ExpectedReason, record.Record.PartitionKey, shardId, sequenceNumber) { SubSequence = subSequence });
                return;
            }

            var device = _byId[record.DeviceId];
            device.Acknowledged.Add(record.Sequence);
            if (record.TooLate)
            {
                device.TooLate.Add(record.Sequence);
            }
        }
    }

    /// <summary>The ledger as of <paramref name="now"/>; <paramref name="complete"/> only once the run has ended.</summary>
    public ProducerLedger Snapshot(DateTimeOffset now, bool complete, bool cancelled = false)
    {
        lock (_lock)
        {
            return new ProducerLedger
            {
                StreamName = StreamName,
                Seed = seed,
                StartedAt = StartedAt,
                UpdatedAt = now,
                Complete = complete,
                Cancelled = cancelled,
                AllowedLateness = allowedLateness,
                Devices = _devices.Select(d => new LedgerDevice(
                    d.DeviceId,
                    d.DeviceType,
                    d.Site,
                    d.Boot,
                    new SequenceRanges(d.Acknowledged),
                    new SequenceRanges(d.TooLate),
                    d.Generated.Except(d.Acknowledged))).ToList(),
                Poison = [.. _poison],
                Sent = new LedgerCounts(_readings, _duplicates, _outOfOrder, _late, _tooLate, _poisonSent),
                Anomalies = _anomalies,
            };
        }
    }

    private sealed class DeviceEntry(string deviceId, string deviceType, string site, long boot)
    {
        public string DeviceId { get; } = deviceId;

        public string DeviceType { get; } = deviceType;

        public string Site { get; } = site;

        public long Boot { get; } = boot;

        public SequenceRanges Generated { get; } = new();

        public SequenceRanges Acknowledged { get; } = new();

        public SequenceRanges TooLate { get; } = new();
    }
}
