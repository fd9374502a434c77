using System.Globalization;
using Amazon.DynamoDBv2;
using Telemetry.Contracts;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Storage.Tests.Support;

public static class Seed
{
    // Writes readings the way the aggregator does (grouped by window, one store call), numbered 1.. on one shard.
    public static async Task RollupsAsync(IAmazonDynamoDB client, string table, IEnumerable<Reading> readings)
    {
        var sequenced = readings.Select((r, i) =>
            new SequencedReading("shardId-000000000000", SequenceNumber.Parse((i + 1).ToString(CultureInfo.InvariantCulture)), r));
        var windows = BatchPlanner.GroupByWindow(sequenced, AggregationOptions.Default);

        var result = await new RollupStore(client, table, TextWriter.Null, null).ApplyAsync(windows, CancellationToken.None);

        Assert.Empty(result.Failed);
        Assert.Empty(result.Refused);
    }

    public static RejectedRecord Reject(string shardId, string sequenceNumber, string data = "eyJkZXZpY2VJZCI6IG9vcHM=") =>
        new(shardId, sequenceNumber, "poison", "MalformedJson", "not JSON", TestReadings.Now.AddSeconds(-5), data);

    public static async Task RejectsAsync(IAmazonDynamoDB client, string table, params RejectedRecord[] rejects)
    {
        var failed = await new RejectedSink(client, table, TextWriter.Null, null).StoreAsync(rejects, TestReadings.Now, CancellationToken.None);

        Assert.Empty(failed);
    }
}
