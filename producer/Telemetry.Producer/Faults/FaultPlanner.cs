using Telemetry.Contracts;
using Telemetry.Producer.Devices;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Faults;

/// <summary>
/// Turns each reading of the schedule into the records to put and when: the reading itself (perhaps restamped,
/// held back or buffered by a bursting device), perhaps a duplicate, perhaps a poison record. Every decision comes
/// from generators seeded by the run's seed, one per fault, each drawn the same number of times per reading
/// whatever the rates, so that the same seed gives the same decisions and one rate never shifts another's.
/// </summary>
public sealed class FaultPlanner
{
    private static readonly TimeSpan MinDuplicateDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DuplicateDelaySpread = TimeSpan.FromSeconds(2);

    private readonly FaultOptions _faults;
    private readonly TimeSpan _deviceInterval;
    private readonly DateTimeOffset _future;
    private readonly Random _duplicates;
    private readonly Random _outOfOrder;
    private readonly Random _stamps;
    private readonly Random _poison;
    private readonly TimeSpan?[] _burstPhase;
    private long _order;
    private int _nextPoison;

    /// <param name="faults">Rates and bounds.</param>
    /// <param name="fleet">The devices, to decide which ones burst.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="ratePerDevice">Readings per second per device, to hold readings back by whole device intervals.</param>
    /// <param name="future">A time more than the decoder's future skew past any time the run's records are decoded.</param>
    public FaultPlanner(FaultOptions faults, Fleet fleet, int seed, double ratePerDevice, DateTimeOffset future)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(fleet);
        _faults = faults;
        _deviceInterval = TimeSpan.FromSeconds(1 / ratePerDevice);
        _future = future;
        _duplicates = new Random(Derive(seed, 1));
        _outOfOrder = new Random(Derive(seed, 2));
        _stamps = new Random(Derive(seed, 3));
        _poison = new Random(Derive(seed, 4));
        var bursts = new Random(Derive(seed, 5));
        _burstPhase = fleet.Devices.Select(_ =>
        {
            var bursting = bursts.NextDouble() < faults.Bursts;
            var phase = TimeSpan.FromMilliseconds(Math.Floor(bursts.NextDouble() * faults.BurstEvery.TotalMilliseconds));
            return bursting ? phase : (TimeSpan?)null;
        }).ToArray();
    }

    /// <summary>Whether device <paramref name="index"/> (its place in the fleet) buffers and flushes in bursts.</summary>
    public bool Bursts(int index) => _burstPhase[index] is not null;

    /// <summary>
    /// Plans <paramref name="reading"/>, due at <paramref name="offset"/>, of the device at <paramref name="deviceIndex"/>.
    /// Late stamps count back from <paramref name="reference"/>, a time no later than the reading will be sent;
    /// <paramref name="now"/> decides whether a stamp is already beyond the lateness.
    /// </summary>
    public IReadOnlyList<PlannedRecord> Plan(int deviceIndex, Reading reading, TimeSpan offset, DateTimeOffset reference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var lateness = _faults.AllowedLateness;

        var stampDraw = _stamps.NextDouble();
        var late = stampDraw < _faults.Late;
        var tooLate = !late && stampDraw < _faults.Late + _faults.TooLate;
        var delay = tooLate ? LatenessStamps.TooLateDelay(lateness, _stamps) : LatenessStamps.LateDelay(lateness, _stamps);
        if (late || tooLate)
        {
            reading = reading with { Timestamp = reference - delay };
        }

        var held = _outOfOrder.NextDouble() < _faults.OutOfOrder;
        // Two to four device intervals and a millisecond: past at least one later reading of the same device.
        var hold = (_deviceInterval * (2 + (_outOfOrder.NextDouble() * 2))) + TimeSpan.FromMilliseconds(1);

        var duplicated = _duplicates.NextDouble() < _faults.Duplicates;
        var duplicateDelay = MinDuplicateDelay + (DuplicateDelaySpread * _duplicates.NextDouble());

        var poisoned = _poison.NextDouble() < _faults.Poison;

        var release = FlushTime(deviceIndex, offset);
        var record = new PlannedRecord
        {
            Record = OutgoingRecord.From(reading),
            Kind = PlannedKind.Reading,
            Release = held ? release + hold : release,
            Order = _order++,
            DeviceId = reading.DeviceId,
            Sequence = reading.Sequence,
            OutOfOrder = held,
            Late = late,
            TooLate = tooLate || LatenessStamps.IsTooLateAt(reading.Timestamp, now, lateness),
        };
        var planned = new List<PlannedRecord>(3) { record };
        if (poisoned)
        {
            var reason = PoisonRecords.Rotation[_nextPoison++ % PoisonRecords.Rotation.Count];
            planned.Add(new PlannedRecord
            {
                Record = new OutgoingRecord(reading.DeviceId, PoisonRecords.Build(reason, reading, _future)),
                Kind = PlannedKind.Poison,
                Release = release,
                Order = _order++,
                DeviceId = reading.DeviceId,
                ExpectedReason = reason,
            });
        }

        if (duplicated)
        {
            planned.Add(new PlannedRecord
            {
                // The same bytes and key: a retry re-sends exactly what it sent.
                Record = new OutgoingRecord(record.Record.PartitionKey, record.Record.Data),
                Kind = PlannedKind.Duplicate,
                Release = record.Release + duplicateDelay,
                Order = _order++,
                DeviceId = record.DeviceId,
                Sequence = record.Sequence,
                TooLate = record.TooLate,
                Original = record,
            });
        }

        return planned;
    }

    // A bursting device sends what it measured at its next flush; the others as soon as they measure.
    private TimeSpan FlushTime(int deviceIndex, TimeSpan offset)
    {
        if (_burstPhase[deviceIndex] is not { } phase)
        {
            return offset;
        }

        var every = _faults.BurstEvery.Ticks;
        var flushes = offset <= phase ? 0 : ((offset - phase).Ticks + every - 1) / every;
        return phase + TimeSpan.FromTicks(flushes * every);
    }

    // Distinct, fixed seeds per fault; Bogus seeds System.Random with the run's seed itself for the fleet.
    internal static int Derive(int seed, int fault) => unchecked((seed * 1_000_003) + (fault * 7919) + 0x5EED);
}
