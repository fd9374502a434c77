using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Contracts.Kpl;

/// <summary>
/// Where Kinesis routes a partition key: the MD5 of its UTF-8 bytes read as an unsigned 128-bit big-endian number,
/// which falls in exactly one open shard's hash key range. A producer that aggregates must group by it, or a user
/// record would land on another shard than its key names.
/// </summary>
public static class PartitionHash
{
    /// <summary>The hash key of <paramref name="partitionKey"/>.</summary>
    public static UInt128 Of(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(partitionKey), digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>The hash key a record is routed by: its explicit hash key when it has one, else its partition key's.</summary>
    public static UInt128 Of(string partitionKey, string? explicitHashKey) =>
        explicitHashKey is null ? Of(partitionKey) : UInt128.Parse(explicitHashKey, System.Globalization.CultureInfo.InvariantCulture);
}
