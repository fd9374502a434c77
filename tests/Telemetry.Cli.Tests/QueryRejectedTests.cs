using System.Text;
using System.Text.Json;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests;

public sealed class QueryRejectedTests
{
    [Fact]
    public async Task QueryRejected_PoisonRecordOnTheStream_ListsItWithItsReason()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-rejected-").FullName;
        try
        {
            var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts());
            using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
            var put = await kinesis.PutRecordsAsync(state.StreamName, [new PutRecordsEntry(Encoding.UTF8.GetBytes("{not json"), "poison-device")]);
            var target = new Dictionary<string, string> { [put.Entries[0].ShardId!] = put.Entries[0].SequenceNumber! };
            await LocalConsumer.WaitUntilCaughtUpAsync("aggregator", state, data, target, TimeSpan.FromMinutes(1), TimeProvider.System);

            var (exitCode, output) = await CliRunner.RunAsync("query", "rejected", "--json", "--data-dir", data);
            using var rows = JsonDocument.Parse(output);

            Assert.Equal(0, exitCode);
            var row = Assert.Single(rows.RootElement.EnumerateArray());
            Assert.Equal("poison-device", row.GetProperty("partitionKey").GetString());
            Assert.Equal("MalformedJson", row.GetProperty("reason").GetString());
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task QueryRejected_BadDay_ExitsTwo()
    {
        var (exitCode, output) = await CliRunner.RunAsync("query", "rejected", "--day", "26/11/2026");

        Assert.Equal(2, exitCode);
        Assert.Contains("--day must be a date like 2026-11-26", output, StringComparison.Ordinal);
    }
}
