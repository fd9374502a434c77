using System.Text.Json;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Storage.Alerts;

namespace Telemetry.Cli.Tests;

public sealed class DemoEndToEndTests
{
    [Fact]
    public async Task Demo_SmallFleetAsJson_SentEqualsCountedAndQueryReadsTheRollups()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-demo-").FullName;
        string[] stack = ["--data-dir", data];
        string[] ports = ["--kinesis-port", "0", "--dynamodb-port", "0", "--s3-port", "0", "--kinesis-proxy-port", "0", "--dynamodb-proxy-port", "0", "--moto-port", "0"];
        try
        {
            var (exitCode, output) = await CliRunner.RunAsync(["demo", "--devices", "6", "--duration", "3s", "--rate", "4", "--json", .. stack, .. ports]);
            using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var sent = report.RootElement.GetProperty("sent").GetInt64();
            var counted = report.RootElement.GetProperty("counted").GetInt64();
            var runId = report.RootElement.GetProperty("runId").GetString();
            var archive = report.RootElement.GetProperty("archive");

            var (statusCode, status) = await CliRunner.RunAsync(["local", "status", "--json", .. stack]);
            var devices = Telemetry.Producer.Devices.Fleet.Generate(6, 42).Devices;
            var (queryCode, query) = await CliRunner.RunAsync(["query", "rollups", "--device", $"{runId}-{devices[0].DeviceId}", "--from", "1h", "--json", .. stack]);
            using var rows = JsonDocument.Parse(query);
            var chart = Path.Combine(data, "chart.png");
            var (tableCode, table) = await CliRunner.RunAsync(["query", "rollups", "--device", $"{runId}-{devices[0].DeviceId}", "--from", "1h", "--png", chart, .. stack]);
            var chartBytes = File.ReadAllBytes(chart);
            using var statusJson = JsonDocument.Parse(status);
            var consumer = statusJson.RootElement.GetProperty("consumers")[0];
            var (logsCode, logs) = await CliRunner.RunAsync(["local", "logs", "--component", "functions", .. stack]);

            Assert.Equal(0, exitCode);
            Assert.True(sent > 0);
            Assert.Equal(sent, counted);
            // Every reading the simulator sent is in the archive too (the demo waits for its last object).
            Assert.Equal((sent, 0L), (archive.GetProperty("expected").GetInt64(), archive.GetProperty("missing").GetInt64()));
            Assert.Equal(0, statusCode);
            Assert.True(statusJson.RootElement.GetProperty("running").GetBoolean());
            Assert.Equal("aggregator", consumer.GetProperty("function").GetString());
            Assert.All(consumer.GetProperty("shards").EnumerateArray(), shard => Assert.Equal(0, shard.GetProperty("pendingRecords").GetInt32()));
            Assert.Equal(0, logsCode);
            Assert.Contains("serving aggregator", logs, StringComparison.Ordinal);
            Assert.Equal(0, queryCode);
            Assert.NotEqual(0, rows.RootElement.GetArrayLength());
            Assert.All(rows.RootElement.EnumerateArray(), row => Assert.All(row.GetProperty("metrics").EnumerateObject(), metric =>
                Assert.InRange(metric.Value.GetProperty("p95").GetDouble(), metric.Value.GetProperty("min").GetDouble(), metric.Value.GetProperty("max").GetDouble())));
            Assert.Equal(0, tableCode);
            Assert.Contains("p95", table, StringComparison.Ordinal);
            Assert.Contains("temperature (°C)  mean ", table, StringComparison.Ordinal);
            Assert.Contains($"Chart written to {chart}", table, StringComparison.Ordinal);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chartBytes[..4]);
        }
        finally
        {
            await CliRunner.RunAsync(["local", "reset", "--yes", .. stack]);
        }

        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Demo_WithAnExcursion_ReceivesItsRaiseAndClearOnceAndNothingElse()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-demo-alerts-").FullName;
        string[] stack = ["--data-dir", data];
        string[] ports = ["--kinesis-port", "0", "--dynamodb-port", "0", "--s3-port", "0", "--kinesis-proxy-port", "0", "--dynamodb-proxy-port", "0", "--moto-port", "0"];
        try
        {
            var (exitCode, output) = await CliRunner.RunAsync(["demo", "--devices", "6", "--duration", "50s", "--excursions", "1", "--json", .. stack, .. ports]);
            using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var alerts = report.RootElement.GetProperty("alerts");

            Assert.True(exitCode == 0, output);
            Assert.Equal(1, alerts.GetProperty("raised").GetInt32());
            Assert.Equal(1, alerts.GetProperty("cleared").GetInt32());
            Assert.Equal(2, alerts.GetProperty("expected").GetInt32());
            Assert.Equal(0, alerts.GetProperty("missing").GetArrayLength());
            Assert.Equal(0, alerts.GetProperty("unexpected").GetArrayLength());
            Assert.True(report.RootElement.GetProperty("reconciled").GetBoolean());

            // Retired: the watchdog has no last-seen record of the run's devices left to call silent.
            var state = LocalStackState.Load(data) ?? throw new InvalidOperationException("no stack.json");
            using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
            var seen = await new SeenStore(dynamo, state.TableName).ReadAllAsync(default);
            var runId = report.RootElement.GetProperty("runId").GetString()!;
            Assert.DoesNotContain(seen, s => s.Device.DeviceId.StartsWith(runId, StringComparison.Ordinal));
        }
        finally
        {
            await CliRunner.RunAsync(["local", "reset", "--yes", .. stack]);
        }
    }
}
