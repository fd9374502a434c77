using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Stack;
using Telemetry.Processing;
using Telemetry.Producer.Simulation;
using Telemetry.Storage.Rollups;

namespace Telemetry.Local.Tests;

public sealed class PipelineEndToEndTests
{
    [Fact]
    public async Task Simulator_ThroughStreamHostAndDynamoDb_CountsReconcileExactly()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-e2e-").FullName;
        var options = new LocalStackOptions { DataDirectory = data, KinesisPort = null, DynamoDbPort = null, S3Port = null, ShardCount = 3 };
        var state = await LocalStack.UpAsync(options);
        try
        {
            using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
            var simulation = new SimulatorOptions { Devices = 12, RatePerDevice = 5, Readings = 1200, NoPace = true, StreamName = state.StreamName, Seed = 7 };
            var settings = new EventSourceMappingSettings { BatchSize = 100, MaximumBatchingWindow = TimeSpan.FromMilliseconds(200) };

            await using (var host = await LocalAggregator.StartAsync(state, data, settings, TimeProvider.System))
            {
                var sent = await new Simulator(TimeProvider.System).RunAsync(simulation, kinesis, null, CancellationToken.None);
                await host.Mapping.WaitUntilCaughtUpAsync(sent.LastSequenceNumberByShard, TimeSpan.FromMinutes(2));

                using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
                var reader = new RollupReader(dynamo, state.TableName);
                var countedMinutes = await reader.CountReadingsAsync(Resolution.Minute, CancellationToken.None);
                var countedHours = await reader.CountReadingsAsync(Resolution.Hour, CancellationToken.None);

                Assert.True(sent.AllSent, $"the simulator lost {sent.Failed} readings");
                Assert.Equal(1200, sent.Sent);
                Assert.Equal(sent.Sent, countedMinutes);
                Assert.Equal(sent.Sent, countedHours);
            }
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }
}
