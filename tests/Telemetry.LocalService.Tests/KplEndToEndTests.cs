using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Storage.Rollups;

namespace Telemetry.LocalService.Tests;

// Records aggregated by a library we did not write, put into the stream as any KPL user would put them, must be
// counted reading by reading: in the rollups, by the alerter, and in the archive.
public sealed class KplEndToEndTests
{
    private const int Devices = 30;
    private const int PerDevice = 10;

    [Fact]
    public async Task AggregatedByAwsKinesisAgg_EveryUserRecordCountedArchivedAndHeard()
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 2);
        var state = stack.State;
        var now = DateTimeOffset.UtcNow;
        var readings = Enumerable.Range(1, PerDevice)
            .SelectMany(seq => Enumerable.Range(1, Devices).Select(d => new Reading(
                2, $"kpl-{d:D2}", "thermostat", "lab", now.AddMilliseconds(seq), seq, new Dictionary<string, double> { ["temperature"] = seq }, Boot: 1)))
            .ToList();
        // Small aggregated records, so the stream holds several: each under its first user record's key.
        var aggregated = new List<(string PartitionKey, string? ExplicitHashKey, byte[] Data)>();
        foreach (var chunk in readings.Chunk(40))
        {
            aggregated.AddRange(await KplInterop.AggregateAsync(chunk.Select(r => (r.DeviceId, (string?)null, ReadingCodec.Encode(r)))));
        }

        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var put = await kinesis.PutRecordsAsync(state.StreamName, [.. aggregated.Select(a => new PutRecordsEntry(a.Data, a.PartitionKey, a.ExplicitHashKey))]);
        Assert.Equal(0, put.FailedRecordCount);
        var lastByShard = put.Entries.GroupBy(r => r.ShardId!).ToDictionary(g => g.Key, g => g.MaxBy(r => SequenceNumber.Parse(r.SequenceNumber!))!.SequenceNumber!);

        await LocalConsumer.WaitUntilCaughtUpAsync(LocalFunctionCatalog.Aggregator, state, stack.DataDirectory, lastByShard, TimeSpan.FromMinutes(2), TimeProvider.System);
        await LocalConsumer.WaitUntilCaughtUpAsync(LocalFunctionCatalog.Alerter, state, stack.DataDirectory, lastByShard, TimeSpan.FromMinutes(2), TimeProvider.System);

        using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, state.TableName);
        Assert.True(aggregated.Count > 5, $"only {aggregated.Count} aggregated records");
        Assert.Equal(Devices * PerDevice, await reader.CountReadingsAsync(Resolution.Minute, "kpl-", CancellationToken.None));
        Assert.Equal(Devices * PerDevice, await reader.CountReadingsAsync(Resolution.Hour, "kpl-", CancellationToken.None));
        var archived = await Poll.UntilAsync(() => ArchivedReadings.ReadAsync(stack), lines => lines.Count >= Devices * PerDevice, TimeSpan.FromSeconds(60), "every reading in the archive");
        Assert.Equal(readings.Select(r => (r.DeviceId, r.Sequence)).Order(), archived.Order());
    }
}
