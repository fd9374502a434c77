using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Contracts.Tests.Kpl;

public class KplAggregateTests
{
    [Fact]
    public void Read_BuiltRecords_ReturnsEachInOrderWithItsKeys()
    {
        var builder = new KplAggregateBuilder();
        KplUserRecord[] records =
        [
            new("dev-1", "{\"a\":1}"u8.ToArray()),
            new("dev-2", "{\"b\":2}"u8.ToArray(), "170141183460469231731687303715884105728"),
            new("dev-1", Array.Empty<byte>()),
            new("capteur-é", "ü"u8.ToArray(), "170141183460469231731687303715884105728"),
        ];
        foreach (var record in records)
        {
            Assert.True(builder.TryAdd(record));
        }

        var bytes = builder.Build();
        var read = new List<KplUserRecord>();

        Assert.Equal(KplFraming.Aggregated, KplReader.Read(bytes, read, out var problem));
        Assert.Null(problem);
        Assert.Equal(bytes.Length, builder.DataSize);
        Assert.Equal("dev-1", builder.PartitionKey);
        Assert.Null(builder.ExplicitHashKey);
        Assert.Equal(records.Select(Describe), read.Select(Describe));
    }

    [Fact]
    public void RoundTrip_AnyRecords_ComeBackByteForByte() =>
        Prop.ForAll(
            Gen.ListOf(UserRecords()).ToArbitrary(),
            records =>
            {
                var builder = new KplAggregateBuilder();
                Assert.All(records, r => Assert.True(builder.TryAdd(r)));
                var read = new List<KplUserRecord>();

                var framing = KplReader.Read(builder.Build(), read, out _);

                Assert.Equal(KplFraming.Aggregated, framing);
                Assert.Equal(records.Select(Describe), read.Select(Describe));
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void TryAdd_PastTheLimit_RefusesAndTheBuiltRecordFits()
    {
        const int limit = 4096;
        var builder = new KplAggregateBuilder(limit);
        var data = new byte[100];
        var added = 0;
        while (builder.TryAdd(new KplUserRecord($"device-{added}", data)))
        {
            added++;
        }

        var bytes = builder.Build();

        Assert.True(added > 30, $"only {added} records fitted");
        Assert.True(bytes.Length + Encoding.UTF8.GetByteCount(builder.PartitionKey!) <= limit);
        Assert.True(bytes.Length + 150 > limit - 20, $"{bytes.Length} bytes leave room for another record");
        Assert.Equal(added, builder.Count);
    }

    [Fact]
    public void TryAdd_RecordLargerThanAnyAggregate_RefusedByAnEmptyBuilder()
    {
        var builder = new KplAggregateBuilder(1000);

        Assert.False(builder.TryAdd(new KplUserRecord("dev", new byte[1000])));
        Assert.Equal((0, null), (builder.Count, builder.PartitionKey));
        Assert.True(builder.TryAdd(new KplUserRecord("dev", new byte[900])));
    }

    [Fact]
    public void ExplicitHashKey_FirstRecordHasOne_TheAggregatedRecordRoutesByIt()
    {
        var builder = new KplAggregateBuilder();
        builder.TryAdd(new KplUserRecord("dev-1", new byte[] { 1 }, "42"));
        builder.TryAdd(new KplUserRecord("dev-2", new byte[] { 2 }, "7"));

        Assert.Equal("42", builder.ExplicitHashKey);
    }

    [Fact]
    public void Clear_AfterBuilding_StartsAFreshRecord()
    {
        var builder = new KplAggregateBuilder();
        builder.TryAdd(new KplUserRecord("first", new byte[] { 1 }));
        builder.Clear();
        builder.TryAdd(new KplUserRecord("second", new byte[] { 2 }));
        var read = new List<KplUserRecord>();

        KplReader.Read(builder.Build(), read, out _);

        Assert.Equal(["second"], read.Select(r => r.PartitionKey));
        Assert.Equal("second", builder.PartitionKey);
    }

    [Theory]
    [InlineData("{\"deviceId\":\"dev-1\"}")]
    [InlineData("")]
    public void Read_PlainRecord_IsPlainAndAddsNothing(string text)
    {
        var read = new List<KplUserRecord>();

        Assert.Equal(KplFraming.Plain, KplReader.Read(Encoding.UTF8.GetBytes(text), read, out var problem));
        Assert.Empty(read);
        Assert.Null(problem);
    }

    [Fact]
    public void Read_MagicWithWrongChecksum_IsPlain()
    {
        var bytes = Built(new KplUserRecord("dev", new byte[] { 1, 2, 3 }));
        bytes[^1] ^= 0xFF;

        Assert.Equal(KplFraming.Plain, KplReader.Read(bytes, [], out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x05, 0x08, 0x00, 0x1A, 0x01 })] // the record's data runs past its end
    [InlineData(new byte[] { 0x0A, 0x01, 0x6B, 0x1A, 0x02, 0x08, 0x00 })] // a record without data
    [InlineData(new byte[] { 0x0A, 0x01, 0x6B, 0x1A, 0x05, 0x08, 0x01, 0x1A, 0x01, 0x41 })] // a partition key index past the table
    [InlineData(new byte[] { 0x0A, 0x01, 0x6B, 0x1A, 0x07, 0x08, 0x00, 0x10, 0x00, 0x1A, 0x01, 0x41 })] // an explicit hash key index past the table
    [InlineData(new byte[] { 0x0F })] // wire type 7 does not exist
    [InlineData(new byte[] { 0x02, 0x00 })] // field number 0
    [InlineData(new byte[] { 0x48, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })] // a varint past 64 bits
    public void Read_ChecksummedButMalformed_IsCorruptAndAddsNothing(byte[] message)
    {
        var read = new List<KplUserRecord> { new("kept", Array.Empty<byte>()) };

        Assert.Equal(KplFraming.Corrupt, KplReader.Read(Framed(message), read, out var problem));
        Assert.NotNull(problem);
        Assert.Equal(["kept"], read.Select(r => r.PartitionKey));
    }

    [Fact]
    public void Read_UnknownFieldsAndTags_AreSkipped()
    {
        // Table "k"; a record with index 0, data "A" and a KPL tag (field 4); an unknown varint field 9 at the top.
        byte[] message = [0x0A, 0x01, 0x6B, 0x48, 0x96, 0x01, 0x1A, 0x0A, 0x08, 0x00, 0x1A, 0x01, 0x41, 0x22, 0x03, 0x0A, 0x01, 0x74];
        var read = new List<KplUserRecord>();

        Assert.Equal(KplFraming.Aggregated, KplReader.Read(Framed(message), read, out var problem));
        Assert.Null(problem);
        Assert.Equal("k:A", Assert.Single(read.Select(r => $"{r.PartitionKey}:{Encoding.UTF8.GetString(r.Data.Span)}")));
    }

    [Fact]
    public void Read_EmptyAggregate_IsAggregatedWithNoRecords()
    {
        var read = new List<KplUserRecord>();

        Assert.Equal(KplFraming.Aggregated, KplReader.Read(Framed([]), read, out _));
        Assert.Empty(read);
    }

    [Fact]
    public void PartitionHash_Of_IsTheMd5AsABigEndianNumber()
    {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e.
        Assert.Equal(UInt128.Parse("281949768489412648962353822266799178366", System.Globalization.CultureInfo.InvariantCulture), PartitionHash.Of(""));
        Assert.Equal(UInt128.MaxValue, PartitionHash.Of("x", "340282366920938463463374607431768211455"));
    }

    private static Gen<KplUserRecord> UserRecords() =>
        from key in Gen.Elements("a", "dev-7", "ключ", "k")
        from data in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        from hashKey in Gen.Elements<string?>(null, "0", "340282366920938463463374607431768211455")
        select new KplUserRecord(key, data, hashKey);

    private static byte[] Built(KplUserRecord record)
    {
        var builder = new KplAggregateBuilder();
        builder.TryAdd(record);
        return builder.Build();
    }

    private static byte[] Framed(byte[] message) => [.. KplFormat.Magic, .. message, .. MD5.HashData(message)];

    private static string Describe(KplUserRecord r) => $"{r.PartitionKey}|{r.ExplicitHashKey}|{Convert.ToHexString(r.Data.Span)}";
}
