using System.Text;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Local.Tests.Kpl;

// Our reader reading our writer proves little about the KCL or a Lambda library: aws-kinesis-agg, a JavaScript
// implementation with nothing in common with ours, must read what we write and write what we read
// (tests/Shared/kpl-interop).
public sealed class KplInteropTests
{
    private const string MaxHashKey = "340282366920938463463374607431768211455";

    // Not a small number: aws-kinesis-agg keeps its key tables in JavaScript objects, which list integer-like keys
    // (below 2^32) first, so such a key takes another key's index (docs/kpl-aggregation.md).
    private const string MidHashKey = "170141183460469231731687303715884105728";

    [Fact]
    public async Task Build_ManyRecords_AnIndependentReaderGetsThemByteForByte()
    {
        var records = UserRecords(600).ToList();
        var aggregates = new List<(string PartitionKey, byte[] Data)>();
        var builder = new KplAggregateBuilder(16 * 1024);
        foreach (var record in records)
        {
            if (!builder.TryAdd(record))
            {
                aggregates.Add((builder.PartitionKey!, builder.Build()));
                builder.Clear();
                Assert.True(builder.TryAdd(record));
            }
        }

        aggregates.Add((builder.PartitionKey!, builder.Build()));
        var input = aggregates.Select((a, i) => new { partitionKey = a.PartitionKey, sequenceNumber = $"{1000 + i}", data = Convert.ToBase64String(a.Data) });

        using var read = await KplInterop.RunAsync("deaggregate", input);
        var userRecords = read.RootElement.EnumerateArray().ToList();

        Assert.True(aggregates.Count > 2, $"the records made only {aggregates.Count} aggregated records");
        // aws-kinesis-agg reads an absent explicit hash key index as 0 (protobuf's default) and names the table's
        // first key, so a record's explicit hash key is compared only where it has one.
        Assert.Equal(records.Count, userRecords.Count);
        Assert.All(records.Zip(userRecords), pair =>
        {
            var (ours, theirs) = pair;
            Assert.Equal(ours.PartitionKey, theirs.GetProperty("partitionKey").GetString());
            Assert.Equal(Convert.ToBase64String(ours.Data.Span), theirs.GetProperty("data").GetString());
            if (ours.ExplicitHashKey is not null)
            {
                Assert.Equal(ours.ExplicitHashKey, theirs.GetProperty("explicitPartitionKey").GetString());
            }
        });
        // Sub-sequence numbers count from 0 within each aggregated record.
        Assert.All(userRecords.GroupBy(u => u.GetProperty("sequenceNumber").GetString()), g =>
            Assert.Equal(Enumerable.Range(0, g.Count()), g.Select(u => u.GetProperty("subSequenceNumber").GetInt32())));
    }

    [Fact]
    public async Task Read_AnIndependentWritersRecords_GetsEveryUserRecordInOrder()
    {
        // Enough bytes for more than one 1 MiB aggregated record.
        var records = UserRecords(2500, dataBytes: 700).ToList();
        var aggregates = await KplInterop.AggregateAsync(records.Select(r => (r.PartitionKey, r.ExplicitHashKey, r.Data.ToArray())));
        var read = new List<KplUserRecord>();
        foreach (var (partitionKey, _, data) in aggregates)
        {
            Assert.True(data.Length + Encoding.UTF8.GetByteCount(partitionKey) <= KplFormat.MaxRecordBytes);
            Assert.Equal(KplFraming.Aggregated, KplReader.Read(data, read, out var problem));
            Assert.Null(problem);
        }

        Assert.True(aggregates.Count > 1, $"aws-kinesis-agg made only {aggregates.Count} aggregated record");
        Assert.Equal(records.Select(Describe), read.Select(Describe));
    }

    private static IEnumerable<KplUserRecord> UserRecords(int count, int dataBytes = 0)
    {
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            var key = i % 7 == 0 ? $"capteur-é-{i % 13}" : $"device-{i % 50:D4}";
            var body = $"{{\"deviceId\":\"{key}\",\"seq\":{i},\"pad\":\"{new string('x', dataBytes > 0 ? dataBytes : random.Next(1, 300))}\"}}";
            yield return new KplUserRecord(key, Encoding.UTF8.GetBytes(body), i % 5 == 0 ? (i % 10 == 0 ? MaxHashKey : MidHashKey) : null);
        }
    }

    private static string Describe(KplUserRecord r) => $"{r.PartitionKey}|{r.ExplicitHashKey}|{Convert.ToHexString(r.Data.Span)}";
}
