using Telemetry.Storage.Rollups;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Producer.Simulation;

namespace Telemetry.LocalService.Tests;

[Collection(nameof(LocalTestStack))]
public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task Simulator_ThroughStreamServiceAndDynamoDb_CountsReconcileExactly()
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 3);
        var state = stack.State;
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var simulation = new SimulatorOptions { Devices = 12, RatePerDevice = 5, Readings = 1200, NoPace = true, StreamName = state.StreamName, Seed = 7 };

        var sent = await new Simulator(TimeProvider.System).RunAsync(simulation, kinesis, null, CancellationToken.None);
        await LocalConsumer.WaitUntilCaughtUpAsync(LocalFunctionCatalog.Aggregator, state, stack.DataDirectory, sent.LastSequenceNumberByShard, TimeSpan.FromMinutes(2), TimeProvider.System);

        using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, state.TableName);
        var countedMinutes = await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None);
        var countedHours = await reader.CountReadingsAsync(Resolution.Hour, CancellationToken.None);
        // Should a reading go missing, say whether the stream still holds it: the emulator of the stream or of the table.
        var onStream = countedMinutes == 1200 && countedHours == 1200 ? 1200 : await stack.DistinctReadingsOnStreamAsync();
        Assert.True(sent.AllSent, $"the simulator lost {sent.Failed} readings");
        Assert.Equal(1200, sent.Sent);
        Assert.True(countedMinutes == 1200 && countedHours == 1200, $"counted {countedMinutes} (1m) and {countedHours} (1h) of 1200; the stream holds {onStream} distinct readings");
    }
}
