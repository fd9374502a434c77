using System.Text;
using Amazon.DynamoDBv2.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests;

public sealed class LocalStackTests
{
    [Fact]
    public async Task UpAsync_Twice_KeepsTheRunningProcessesAndResources()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-stack-").FullName;
        try
        {
            var first = await LocalStack.UpAsync(FreePorts(data));

            var second = await LocalStack.UpAsync(FreePorts(data));

            Assert.Equal(first.Processes.Select(p => p.ProcessId), second.Processes.Select(p => p.ProcessId));
            using var kinesis = LocalClients.Kinesis(second.Endpoint(EmulatorKind.Kinesis));
            Assert.Equal(2, (await kinesis.ListShardsAsync(second.StreamName)).Count);
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task DownThenUp_SameDataFolder_StreamRecordsAndTableItemsSurvive()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-stack-").FullName;
        try
        {
            var before = await LocalStack.UpAsync(FreePorts(data) with { ShardCount = 1 });
            string sequence;
            using (var kinesis = LocalClients.Kinesis(before.Endpoint(EmulatorKind.Kinesis)))
            using (var dynamo = LocalAws.DynamoDb(before.Endpoint(EmulatorKind.DynamoDb)))
            {
                var put = await kinesis.PutRecordsAsync(before.StreamName, [new PutRecordsEntry(Encoding.UTF8.GetBytes("kept"), "device-1")]);
                sequence = put.Entries[0].SequenceNumber!;
                await dynamo.PutItemAsync(before.TableName, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "kept" }, ["sk"] = new() { S = "kept" } });
            }

            Assert.True(await LocalStack.DownAsync(data));
            Assert.All(before.Processes, p => Assert.False(p.IsRunning()));
            var after = await LocalStack.UpAsync(FreePorts(data) with { ShardCount = 1 });

            using var kinesisAfter = LocalClients.Kinesis(after.Endpoint(EmulatorKind.Kinesis));
            using var dynamoAfter = LocalAws.DynamoDb(after.Endpoint(EmulatorKind.DynamoDb));
            var shard = Assert.Single(await kinesisAfter.ListShardsAsync(after.StreamName));
            var iterator = await kinesisAfter.GetShardIteratorAsync(after.StreamName, shard.ShardId, ShardIteratorPosition.AtSequenceNumber(sequence));
            var records = await kinesisAfter.GetRecordsAsync(iterator, 10);
            var item = await dynamoAfter.GetItemAsync(after.TableName, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "kept" }, ["sk"] = new() { S = "kept" } });
            Assert.Equal("kept", Encoding.UTF8.GetString(Assert.Single(records.Records).Data.Span));
            Assert.True(item.IsItemSet);
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task DownAsync_NothingRecorded_ReturnsFalse()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-stack-").FullName;

        var stopped = await LocalStack.DownAsync(data);

        Assert.False(stopped);
        Directory.Delete(data);
    }

    [Fact]
    public async Task UpAsync_EmulatorLeftUnrecordedByAKilledUp_ReplacesItOnItsPort()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-stack-").FullName;
        try
        {
            // What a `local up` killed during the emulator's readiness wait leaves: a process, a PID file, no stack.json.
            var port = EmulatorProcess.FreePort();
            var orphan = await EmulatorProcess.StartAsync(EmulatorKind.S3, port, data, TimeSpan.FromSeconds(60), CancellationToken.None);

            var state = await LocalStack.UpAsync(FreePorts(data) with { S3Port = port });

            Assert.False(orphan.IsRunning());
            var s3 = state.Processes.Single(p => p.Kind == EmulatorKind.S3);
            Assert.Equal(port, s3.Port);
            Assert.True(s3.IsRunning());
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task DownAsync_EmulatorLeftUnrecordedByAKilledUp_StopsIt()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-stack-").FullName;
        var orphan = await EmulatorProcess.StartAsync(EmulatorKind.S3, EmulatorProcess.FreePort(), data, TimeSpan.FromSeconds(60), CancellationToken.None);

        var stopped = await LocalStack.DownAsync(data);

        Assert.False(stopped);
        Assert.False(orphan.IsRunning());
        Directory.Delete(data, recursive: true);
    }

    private static LocalStackOptions FreePorts(string data) =>
        new LocalStackOptions { DataDirectory = data, StartFunctions = false }.WithFreePorts();
}
