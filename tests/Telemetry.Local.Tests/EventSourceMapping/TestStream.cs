using System.Text;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>A stream created for one test, with helpers to put records and to know what the host must reach.</summary>
public sealed class TestStream(IKinesisClient kinesis, string name, string arn)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    /// <summary>Puts one record per payload, in order, to the shard owning <paramref name="explicitHashKey"/> when given.</summary>
    public async Task<IReadOnlyList<PutRecord>> PutAsync(IEnumerable<string> payloads, string? explicitHashKey = null, string partitionKey = "device-1")
    {
        var entries = payloads
            .Select(payload => new PutRecordsEntry(Encoding.UTF8.GetBytes(payload), partitionKey, explicitHashKey))
            .ToList();
        var result = await kinesis.PutRecordsAsync(Name, entries);
        Assert.Equal(0, result.FailedRecordCount);
        return result.Entries
            .Select((entry, i) => new PutRecord(entry.ShardId!, entry.SequenceNumber!, entries[i].Data.ToArray(), partitionKey))
            .ToList();
    }

    public static IReadOnlyDictionary<string, string> Targets(IEnumerable<PutRecord> records) =>
        records
            .GroupBy(record => record.ShardId)
            .ToDictionary(group => group.Key, group => group.MaxBy(record => System.Numerics.BigInteger.Parse(record.SequenceNumber, System.Globalization.CultureInfo.InvariantCulture))!.SequenceNumber);
}

public sealed record PutRecord(string ShardId, string SequenceNumber, byte[] Data, string PartitionKey);
