using System.Globalization;
using System.Numerics;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>Kinesis sequence numbers are decimal strings longer than 64 bits: they compare only as big integers.</summary>
public static class SequenceNumber
{
    public static BigInteger Parse(string sequenceNumber) =>
        BigInteger.Parse(sequenceNumber, NumberStyles.None, CultureInfo.InvariantCulture);

    public static int Compare(string left, string right) => Parse(left).CompareTo(Parse(right));
}
