using System.Globalization;
using System.Text;

namespace Telemetry.Contracts;

/// <summary>
/// A set of positive sequence numbers kept as sorted, disjoint, non-adjacent ranges, so that a device's readings in
/// order cost one range however many there are. Its text form, <c>1-3600,3602,3604-3700</c>, is what rollups and
/// the producer's ledger store. Mutable; not thread-safe.
/// </summary>
public sealed class SequenceRanges : IEquatable<SequenceRanges>
{
    private readonly List<SequenceRange> _ranges = [];

    /// <summary>An empty set.</summary>
    public SequenceRanges()
    {
    }

    /// <summary>A copy of <paramref name="other"/>.</summary>
    public SequenceRanges(SequenceRanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _ranges.AddRange(other._ranges);
        Count = other.Count;
        TextLength = other.TextLength;
    }

    /// <summary>How many sequence numbers the set holds.</summary>
    public long Count { get; private set; }

    /// <summary>The ranges, ascending.</summary>
    public IReadOnlyList<SequenceRange> Ranges => _ranges;

    /// <summary>Length of <see cref="ToString"/> without building it: what the set costs when stored.</summary>
    public int TextLength { get; private set; }

    /// <summary>Whether <paramref name="sequence"/> is in the set.</summary>
    public bool Contains(long sequence)
    {
        var index = IndexAtOrAfter(sequence);
        return index < _ranges.Count && _ranges[index].First <= sequence;
    }

    /// <summary>Adds <paramref name="sequence"/>; <see langword="false"/> when it was already there.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is below 1.</exception>
    public bool Add(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var index = IndexAtOrAfter(sequence);
        if (index < _ranges.Count && _ranges[index].First <= sequence)
        {
            return false;
        }

        var joinsBefore = index > 0 && _ranges[index - 1].Last == sequence - 1;
        var joinsAfter = index < _ranges.Count && _ranges[index].First == sequence + 1;
        if (joinsBefore && joinsAfter)
        {
            Replace(index - 1, new SequenceRange(_ranges[index - 1].First, _ranges[index].Last));
            TextLength -= TextLengthOf(_ranges[index]) + 1;
            _ranges.RemoveAt(index);
        }
        else if (joinsBefore)
        {
            Replace(index - 1, _ranges[index - 1] with { Last = sequence });
        }
        else if (joinsAfter)
        {
            Replace(index, _ranges[index] with { First = sequence });
        }
        else
        {
            var range = new SequenceRange(sequence, sequence);
            _ranges.Insert(index, range);
            TextLength += TextLengthOf(range) + (_ranges.Count > 1 ? 1 : 0);
        }

        Count++;
        return true;
    }

    /// <summary>What <see cref="TextLength"/> would be after <see cref="Add"/>ing <paramref name="sequence"/>, without adding it.</summary>
    public int TextLengthWith(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var index = IndexAtOrAfter(sequence);
        if (index < _ranges.Count && _ranges[index].First <= sequence)
        {
            return TextLength;
        }

        var joinsBefore = index > 0 && _ranges[index - 1].Last == sequence - 1;
        var joinsAfter = index < _ranges.Count && _ranges[index].First == sequence + 1;
        return (joinsBefore, joinsAfter) switch
        {
            (true, true) => TextLength - TextLengthOf(_ranges[index - 1]) - 1 - TextLengthOf(_ranges[index])
                + TextLengthOf(new SequenceRange(_ranges[index - 1].First, _ranges[index].Last)),
            (true, false) => TextLength - TextLengthOf(_ranges[index - 1]) + TextLengthOf(_ranges[index - 1] with { Last = sequence }),
            (false, true) => TextLength - TextLengthOf(_ranges[index]) + TextLengthOf(_ranges[index] with { First = sequence }),
            _ => TextLength + TextLengthOf(new SequenceRange(sequence, sequence)) + (_ranges.Count > 0 ? 1 : 0),
        };
    }

    /// <summary>Adds every number of <paramref name="other"/>.</summary>
    public void UnionWith(SequenceRanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = new SequenceRanges();
        foreach (var range in _ranges.Concat(other._ranges).OrderBy(r => r.First))
        {
            merged.Append(range);
        }

        _ranges.Clear();
        _ranges.AddRange(merged._ranges);
        Count = merged.Count;
        TextLength = merged.TextLength;
    }

    /// <summary>The numbers of this set that are not in <paramref name="other"/>.</summary>
    public SequenceRanges Except(SequenceRanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = new SequenceRanges();
        var j = 0;
        foreach (var range in _ranges)
        {
            while (j < other._ranges.Count && other._ranges[j].Last < range.First)
            {
                j++;
            }

            var first = range.First;
            var covered = false;
            for (var k = j; k < other._ranges.Count && other._ranges[k].First <= range.Last; k++)
            {
                if (other._ranges[k].First > first)
                {
                    result.Append(new SequenceRange(first, other._ranges[k].First - 1));
                }

                if (other._ranges[k].Last >= range.Last)
                {
                    covered = true;
                    break;
                }

                first = other._ranges[k].Last + 1;
            }

            if (!covered)
            {
                result.Append(new SequenceRange(first, range.Last));
            }
        }

        return result;
    }

    /// <summary>Parses the text form; the empty string is the empty set.</summary>
    /// <exception cref="FormatException">The text is not ascending, disjoint ranges of positive integers.</exception>
    public static SequenceRanges Parse(string text) =>
        TryParse(text, out var ranges, out var problem) ? ranges : throw new FormatException(problem);

    /// <summary>Parses the text form; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(string text, out SequenceRanges ranges, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ranges = new SequenceRanges();
        problem = string.Empty;
        if (text.Length == 0)
        {
            return true;
        }

        long previousLast = 0;
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash < 0 ? part : part[..dash];
            var lastText = dash < 0 ? part : part[(dash + 1)..];
            if (!long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first < 1 || last < first)
            {
                problem = $"'{part}' is not a range of positive sequence numbers";
                return false;
            }

            if (ranges._ranges.Count > 0 && (previousLast == long.MaxValue || first <= previousLast + 1))
            {
                problem = $"range '{part}' is not above the one before it";
                return false;
            }

            var range = new SequenceRange(first, last);
            ranges._ranges.Add(range);
            ranges.Count += last - first + 1;
            ranges.TextLength += TextLengthOf(range) + (ranges._ranges.Count > 1 ? 1 : 0);
            previousLast = last;
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(TextLength);
        foreach (var range in _ranges)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(range.First.ToString(CultureInfo.InvariantCulture));
            if (range.Last != range.First)
            {
                text.Append('-').Append(range.Last.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(SequenceRanges? other) => other is not null && _ranges.SequenceEqual(other._ranges);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SequenceRanges);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, _ranges.Count);

    // Index of the first range whose Last is at or above sequence (the range that holds it, or the one after it).
    private int IndexAtOrAfter(long sequence)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_ranges[middle].Last < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // Adds a range that starts at or after every range held, joining the last one when they touch or overlap.
    private void Append(SequenceRange range)
    {
        if (_ranges.Count > 0 && (_ranges[^1].Last == long.MaxValue || range.First <= _ranges[^1].Last + 1))
        {
            var last = _ranges[^1];
            if (range.Last > last.Last)
            {
                Count += range.Last - last.Last;
                Replace(_ranges.Count - 1, last with { Last = range.Last });
            }

            return;
        }

        _ranges.Add(range);
        Count += range.Last - range.First + 1;
        TextLength += TextLengthOf(range) + (_ranges.Count > 1 ? 1 : 0);
    }

    private void Replace(int index, SequenceRange range)
    {
        TextLength += TextLengthOf(range) - TextLengthOf(_ranges[index]);
        _ranges[index] = range;
    }

    private static int TextLengthOf(SequenceRange range) =>
        Digits(range.First) + (range.Last == range.First ? 0 : 1 + Digits(range.Last));

    private static int Digits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}

/// <summary>Sequence numbers <paramref name="First"/> to <paramref name="Last"/>, both included.</summary>
public readonly record struct SequenceRange(long First, long Last);
