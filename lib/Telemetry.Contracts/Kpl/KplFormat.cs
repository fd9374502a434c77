using System.Security.Cryptography;

namespace Telemetry.Contracts.Kpl;

/// <summary>
/// The Kinesis Producer Library's aggregated record: a 4-byte magic number, a protobuf <c>AggregatedRecord</c>
/// (a table of partition keys, a table of explicit hash keys, then the user records, each naming its keys by index)
/// and the MD5 of the protobuf bytes. Readers that know the format (the KCL, Lambda libraries, our consumers) hand
/// out the user records; to anything else it is one opaque record. See docs/kpl-aggregation.md.
/// </summary>
public static class KplFormat
{
    /// <summary>Kinesis' limit for one record: its data plus its partition key, in bytes.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>Bytes of the MD5 trailer.</summary>
    public const int ChecksumLength = 16;

    /// <summary>Bytes around the protobuf message: the magic number and the checksum.</summary>
    public static int Overhead => Magic.Length + ChecksumLength;

    /// <summary>The magic number every aggregated record starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0xF3, 0x89, 0x9A, 0xC2];

    // Protobuf field numbers of AggregatedRecord and of its Record, as the KPL's aggregation format defines them.
    internal const int PartitionKeyTableField = 1;
    internal const int ExplicitHashKeyTableField = 2;
    internal const int RecordsField = 3;
    internal const int PartitionKeyIndexField = 1;
    internal const int ExplicitHashKeyIndexField = 2;
    internal const int DataField = 3;

    /// <summary>
    /// True when <paramref name="data"/> is framed as an aggregated record: the magic number, room for a checksum,
    /// and a checksum that matches. Anything else is a plain record, as the KCL treats it.
    /// </summary>
    public static bool IsAggregated(ReadOnlySpan<byte> data)
    {
        if (data.Length < Overhead || !data.StartsWith(Magic))
        {
            return false;
        }

        Span<byte> checksum = stackalloc byte[ChecksumLength];
        MD5.HashData(Message(data), checksum);
        return checksum.SequenceEqual(data[^ChecksumLength..]);
    }

    internal static ReadOnlySpan<byte> Message(ReadOnlySpan<byte> data) => data[Magic.Length..^ChecksumLength];
}
