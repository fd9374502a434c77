using System.Globalization;
using System.Numerics;

namespace Telemetry.Contracts;

/// <summary>
/// A Kinesis sequence number. They run past 64 bits and DynamoDB's 38-digit numbers and compare wrongly as text
/// ("9" sorts after "10"), so they are kept as decimal strings and compared here in numeric order: the longer
/// canonical form is the greater, and at equal length text order is numeric order.
/// </summary>
public readonly record struct SequenceNumber : IComparable<SequenceNumber>
{
    // Kinesis documents sequence numbers as up to 128 decimal digits.
    private const int MaxDigits = 128;

    // Canonical digits, without leading zeros; null only in default(SequenceNumber), which is zero.
    private readonly string? _digits;

    // No BigInteger here: the producer orders every acknowledged record, so parsing only checks the digits.
    private SequenceNumber(string digits) => _digits = digits;

    private string Digits => _digits ?? "0";

    /// <summary>The integer value.</summary>
    public BigInteger Value => BigInteger.Parse(Digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Parses a non-empty string of at most 128 decimal digits.</summary>
    public static bool TryParse(string? text, out SequenceNumber sequence)
    {
        sequence = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxDigits || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var digits = text.TrimStart('0');
        sequence = new SequenceNumber(digits.Length == 0 ? "0" : digits);
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> otherwise.</summary>
    public static SequenceNumber Parse(string text) =>
        TryParse(text, out var sequence)
            ? sequence
            : throw new FormatException($"'{text}' is not a Kinesis sequence number (1 to {MaxDigits} decimal digits).");

    public int CompareTo(SequenceNumber other)
    {
        var (left, right) = (Digits, other.Digits);
        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right);
    }

    public bool Equals(SequenceNumber other) => string.Equals(Digits, other.Digits, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Digits);

    public static bool operator <(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) < 0;

    public static bool operator >(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) > 0;

    public static bool operator <=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SequenceNumber left, SequenceNumber right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical decimal form, as stored; what Kinesis wrote, as Kinesis writes no leading zeros.</summary>
    public override string ToString() => Digits;
}
