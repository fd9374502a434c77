using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Tests.Sending;

public class PutRecordsBatcherTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public void Pack_1201SmallRecords_CallsOf500500And201InOrder()
    {
        var records = Enumerable.Range(0, 1201).Select(i => Record($"device-{i}", 100)).ToList();

        var packed = PutRecordsBatcher.Pack(records);

        Assert.Equal([500, 500, 201], packed.Batches.Select(b => b.Count));
        Assert.Equal(records, packed.Batches.SelectMany(b => b));
        Assert.Empty(packed.Oversized);
    }

    [Fact]
    public void Pack_LargeRecords_NoCallOver5MiBCountingPartitionKeys()
    {
        var records = Enumerable.Range(0, 60).Select(i => Record($"device-{i:D4}", 200 * 1024)).ToList();

        var packed = PutRecordsBatcher.Pack(records);

        Assert.All(packed.Batches, b => Assert.True(b.Sum(r => r.Size) <= 5 * MiB));
        Assert.Equal(25, packed.Batches[0].Count);
        Assert.Equal(60, packed.Batches.Sum(b => b.Count));
    }

    [Fact]
    public void Pack_CallFilledExactlyTo5MiB_NextRecordStartsANewCall()
    {
        var key = "k";
        var records = Enumerable.Range(0, 6).Select(_ => Record(key, MiB - 1)).ToList();

        var packed = PutRecordsBatcher.Pack(records);

        Assert.Equal([5, 1], packed.Batches.Select(b => b.Count));
        Assert.Equal(5 * MiB, packed.Batches[0].Sum(r => r.Size));
    }

    [Fact]
    public void Pack_RecordOverOneMiBWithItsKey_ReportedOversizedAndOthersKept()
    {
        var fits = Record("device-1", MiB - "device-1".Length);
        var oversized = Record("device-2", MiB - "device-2".Length + 1);
        var small = Record("device-3", 10);

        var packed = PutRecordsBatcher.Pack([fits, oversized, small]);

        Assert.Equal([oversized], packed.Oversized);
        Assert.Equal([fits, small], packed.Batches.SelectMany(b => b));
    }

    [Fact]
    public void Pack_PartitionKeyWithMultiByteCharacters_CountedInUtf8Bytes()
    {
        var record = Record("capteur-é", 10);

        Assert.Equal(10 + 10, record.Size);
    }

    [Fact]
    public void Pack_CustomLimits_Respected()
    {
        var limits = new KinesisLimits { MaxRecordsPerCall = 3, MaxCallBytes = 1000, MaxRecordBytes = 400 };
        var records = new[] { Record("a", 300), Record("b", 300), Record("c", 300), Record("d", 500), Record("e", 1) };

        var packed = PutRecordsBatcher.Pack(records, limits);

        Assert.Equal([3, 1], packed.Batches.Select(b => b.Count));
        Assert.Equal("d", Assert.Single(packed.Oversized).PartitionKey);
    }

    [Fact]
    public void Pack_Nothing_NoCalls()
    {
        var packed = PutRecordsBatcher.Pack([]);

        Assert.Empty(packed.Batches);
        Assert.Empty(packed.Oversized);
    }

    private static OutgoingRecord Record(string key, int dataBytes) => new(key, new byte[dataBytes]);
}
