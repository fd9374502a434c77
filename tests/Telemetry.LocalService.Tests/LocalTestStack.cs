using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Storage.Rollups;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Processing;

namespace Telemetry.LocalService.Tests;

/// <summary>A local stack with its function service in a temporary folder on free ports; disposing resets it.</summary>
internal sealed class LocalTestStack : IAsyncDisposable
{
    private LocalTestStack(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    public LocalStackOptions Options => new LocalStackOptions { DataDirectory = DataDirectory, ShardCount = 2, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts();

    public LocalStackState State => LocalStackState.Load(DataDirectory) ?? throw new InvalidOperationException("No stack is recorded.");

    /// <summary>The archive's delivery stream buffers for a second here, not the minute of config/pipeline.json.</summary>
    public static readonly TimeSpan ArchiveInterval = TimeSpan.FromSeconds(1);

    public static async Task<LocalTestStack> UpAsync(int shards = 2)
    {
        var stack = new LocalTestStack(Directory.CreateTempSubdirectory("telemetry-service-").FullName);
        await LocalStack.UpAsync(stack.Options with { ShardCount = shards, ArchiveBufferingInterval = ArchiveInterval });
        return stack;
    }

    /// <summary>Puts readings of <paramref name="deviceId"/> with sequence numbers <paramref name="first"/>… through the raw Kinesis client, as any other producer would.</summary>
    public async Task PutReadingsAsync(string deviceId, int first, int count)
    {
        using var kinesis = LocalClients.Kinesis(State.Endpoint(EmulatorKind.Kinesis));
        var now = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(first, count)
            .Select(seq => new Reading(1, deviceId, "thermostat", "lab", now.AddMilliseconds(seq), seq, new Dictionary<string, double> { ["temperature"] = seq }))
            .Select(reading => new PutRecordsEntry(ReadingCodec.Encode(reading), deviceId))
            .ToList();
        var result = await kinesis.PutRecordsAsync(State.StreamName, entries);
        Assert.Equal(0, result.FailedRecordCount);
    }

    public async Task<long> CountedAsync(string deviceIdPrefix)
    {
        using var dynamo = LocalAws.DynamoDb(State.Endpoint(EmulatorKind.DynamoDb));
        return await new RollupReader(dynamo, State.TableName).CountReadingsAsync(Resolution.Minute, deviceIdPrefix, CancellationToken.None);
    }

    public Task<long> WaitUntilCountedAsync(string deviceIdPrefix, long expected) =>
        Poll.UntilAsync(() => CountedAsync(deviceIdPrefix), counted => counted >= expected, TimeSpan.FromSeconds(60), $"{expected} readings of {deviceIdPrefix} in the rollups");

    public async ValueTask DisposeAsync() => await LocalStack.ResetAsync(DataDirectory);
}
