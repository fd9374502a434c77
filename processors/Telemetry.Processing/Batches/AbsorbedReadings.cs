using System.Globalization;
using Telemetry.Contracts;

namespace Telemetry.Processing.Batches;

/// <summary>
/// Which readings a window has absorbed, by identity: per boot of the device, the sequence numbers as ranges. A
/// reading found here is a duplicate, however it came back (producer retry, redelivery, replay, another shard).
/// </summary>
public sealed class AbsorbedReadings
{
    private readonly SortedDictionary<long, SequenceRanges> _byBoot = [];

    /// <summary>None absorbed.</summary>
    public AbsorbedReadings()
    {
    }

    /// <summary>A copy of <paramref name="other"/>, to change without changing it.</summary>
    public AbsorbedReadings(AbsorbedReadings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (boot, ranges) in other._byBoot)
        {
            _byBoot.Add(boot, new SequenceRanges(ranges));
        }

        StoredLength = other.StoredLength;
    }

    /// <summary>Per boot, the sequence numbers absorbed, in boot order.</summary>
    public IReadOnlyDictionary<long, SequenceRanges> ByBoot => _byBoot;

    /// <summary>Readings absorbed.</summary>
    public long Count => _byBoot.Values.Sum(r => r.Count);

    /// <summary>
    /// Characters the identity takes when stored (each boot's decimal digits plus its ranges' text), which is what
    /// <see cref="WindowLimits.MaxAbsorbedLength"/> bounds.
    /// </summary>
    public int StoredLength { get; private set; }

    /// <summary>Restores a set from stored parts.</summary>
    public static AbsorbedReadings From(IEnumerable<KeyValuePair<long, SequenceRanges>> byBoot)
    {
        ArgumentNullException.ThrowIfNull(byBoot);
        var absorbed = new AbsorbedReadings();
        foreach (var (boot, ranges) in byBoot)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(boot);
            if (ranges.Count > 0 && absorbed._byBoot.TryAdd(boot, new SequenceRanges(ranges)))
            {
                absorbed.StoredLength += BootLength(boot) + ranges.TextLength;
            }
        }

        return absorbed;
    }

    /// <summary>Whether the reading <paramref name="boot"/>/<paramref name="sequence"/> was absorbed.</summary>
    public bool Contains(long boot, long sequence) => _byBoot.TryGetValue(boot, out var ranges) && ranges.Contains(sequence);

    /// <summary>Records a reading; <see langword="false"/> when it was already there.</summary>
    public bool Add(long boot, long sequence)
    {
        if (!_byBoot.TryGetValue(boot, out var ranges))
        {
            ArgumentOutOfRangeException.ThrowIfNegative(boot);
            ranges = new SequenceRanges();
            _byBoot.Add(boot, ranges);
            StoredLength += BootLength(boot);
        }

        var before = ranges.TextLength;
        if (!ranges.Add(sequence))
        {
            return false;
        }

        StoredLength += ranges.TextLength - before;
        return true;
    }

    /// <summary>The stored length after adding the reading, without adding it.</summary>
    public int StoredLengthWith(long boot, long sequence)
    {
        return _byBoot.TryGetValue(boot, out var ranges)
            ? StoredLength - ranges.TextLength + ranges.TextLengthWith(sequence)
            : StoredLength + BootLength(boot) + new SequenceRanges().TextLengthWith(sequence);
    }

    private static int BootLength(long boot) => boot.ToString(CultureInfo.InvariantCulture).Length;
}
