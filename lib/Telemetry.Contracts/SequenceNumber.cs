using System.Globalization;
using System.Numerics;

namespace Telemetry.Contracts;

/// <summary>
/// A Kinesis sequence number. They run past DynamoDB's 38-digit numbers and compare wrongly as text
/// ("9" sorts after "10"), so they are kept as decimal strings at rest and compared as integers here.
/// </summary>
public readonly record struct SequenceNumber : IComparable<SequenceNumber>
{
    // Kinesis documents sequence numbers as up to 128 decimal digits.
    private const int MaxDigits = 128;

    private SequenceNumber(BigInteger value) => Value = value;

    /// <summary>The integer value.</summary>
    public BigInteger Value { get; }

    /// <summary>Parses a non-empty string of at most 128 decimal digits.</summary>
    public static bool TryParse(string? text, out SequenceNumber sequence)
    {
        sequence = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxDigits || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        sequence = new SequenceNumber(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static SequenceNumber Parse(string text) =>
        TryParse(text, out var sequence)
            ? sequence
            : throw new FormatException($"'{text}' is not a Kinesis sequence number (1 to {MaxDigits} decimal digits).");

    public int CompareTo(SequenceNumber other) => Value.CompareTo(other.Value);

    public static bool operator <(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical decimal form, as stored.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
