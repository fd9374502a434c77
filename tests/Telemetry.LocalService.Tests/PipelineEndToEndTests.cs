using Telemetry.Storage.Rollups;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Producer.Ledger;
using Telemetry.Producer.Simulation;

namespace Telemetry.LocalService.Tests;

[Collection(nameof(LocalTestStack))]
public sealed class PipelineEndToEndTests
{
    private static readonly TimeSpan LateCountWait = TimeSpan.FromSeconds(10);

    // Aggregated: the simulator packs readings into KPL aggregated records, which every consumer unpacks.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Simulator_ThroughStreamServiceAndDynamoDb_CountsReconcileExactly(bool aggregate)
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 3);
        var state = stack.State;
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var simulation = new SimulatorOptions { Devices = 12, RatePerDevice = 5, Readings = 1200, NoPace = true, StreamName = state.StreamName, Seed = 7, Aggregate = aggregate };
        var ledger = new LedgerRecorder(state.StreamName, simulation.Seed, DateTimeOffset.UtcNow, simulation.Faults.AllowedLateness);

        var sent = await new Simulator(TimeProvider.System).RunAsync(simulation, kinesis, null, CancellationToken.None, ledger);
        await LocalConsumer.WaitUntilCaughtUpAsync(LocalFunctionCatalog.Aggregator, state, stack.DataDirectory, sent.LastSequenceNumberByShard, TimeSpan.FromMinutes(2), TimeProvider.System);

        using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var reader = new RollupReader(dynamo, state.TableName);
        var countedMinutes = await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None);
        var countedHours = await reader.CountReadingsAsync(Resolution.Hour, CancellationToken.None);
        Assert.True(sent.AllSent, $"the simulator lost {sent.Failed} readings");
        Assert.Equal(1200, sent.Sent);
        if (countedMinutes != 1200 || countedHours != 1200)
        {
            // Should a reading go missing, say which one and where it got to; and whether it only showed up late.
            var report = await LossReport.DescribeAsync(stack, ledger.Snapshot(DateTimeOffset.UtcNow, complete: true));
            var later = await CountsAfterAsync(reader, LateCountWait);
            Assert.Fail($"counted {countedMinutes} (1m) and {countedHours} (1h) of 1200 once caught up; {LateCountWait.TotalSeconds:0} s later {later.Minutes} and {later.Hours}{Environment.NewLine}{report}");
        }
    }

    private static async Task<(long Minutes, long Hours)> CountsAfterAsync(RollupReader reader, TimeSpan wait)
    {
        var counts = (Minutes: 0L, Hours: 0L);
        try
        {
            await Poll.UntilAsync(
                async () => counts = (await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None), await reader.CountReadingsAsync(Resolution.Hour, CancellationToken.None)),
                c => c is (1200, 1200),
                wait,
                "the counts to reach 1200");
        }
        catch (TimeoutException)
        {
            // Still short: the report says why.
        }

        return counts;
    }
}
