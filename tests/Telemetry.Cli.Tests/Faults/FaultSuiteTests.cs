using System.Text.Json;
using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;
using Telemetry.Producer.Faults;

namespace Telemetry.Cli.Tests.Faults;

// The fault suite: readings flow while the stack is hurt, and `verify` must find every acknowledged reading counted
// once and every expected reject in the rejected sink.
[Collection(nameof(FaultSuiteTests))]
public sealed class FaultSuiteTests
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(3);

    private static readonly FaultOptions EveryProducerFault = new()
    {
        Duplicates = 0.05,
        OutOfOrder = 0.05,
        Late = 0.05,
        TooLate = 0.02,
        Poison = 0.03,
        Bursts = 0.2,
    };

    [Fact]
    public async Task Demo_FlakyProfileWithEveryProducerFault_VerifiesNothingMissingNothingTwice()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-faults-").FullName;
        try
        {
            var (exitCode, output) = await CliRunner.RunAsync(
                ["demo", "--devices", "10", "--duration", "15s", "--rate", "2", "--faults", "flaky", "--catch-up-timeout", "3m",
                 "--duplicates", "0.05", "--out-of-order", "0.05", "--late", "0.05", "--too-late", "0.02", "--poison", "0.03", "--bursts", "0.2",
                 "--json", "--data-dir", data,
                 "--kinesis-port", "0", "--dynamodb-port", "0", "--s3-port", "0", "--kinesis-proxy-port", "0", "--dynamodb-proxy-port", "0", "--moto-port", "0"]);
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var report = json.RootElement;
            var kinesis = report.GetProperty("injected").GetProperty("kinesis").GetProperty("counters");
            var dynamodb = report.GetProperty("injected").GetProperty("dynamodb").GetProperty("counters");

            Assert.True(report.GetProperty("reconciled").GetBoolean(), output);
            Assert.Equal(0, exitCode);
            Assert.Equal((0, 0, 0), (report.GetProperty("missing").GetInt64(), report.GetProperty("duplicated").GetInt64(), report.GetProperty("rejectsMissing").GetInt64()));
            Assert.True(report.GetProperty("rejectsExpected").GetInt64() > 0, "the poison and too-late readings are expected in the rejected sink");
            Assert.True(kinesis.GetProperty("failedEntries").GetInt64() > 0, "PutRecords entries were failed");
            Assert.True(dynamodb.GetProperty("throttled").GetInt64() + dynamodb.GetProperty("serverErrors").GetInt64() > 0, "DynamoDB calls were failed");
            Assert.Equal(0, report.GetProperty("skippedRecords").GetInt64());
        }
        finally
        {
            await CliRunner.RunAsync(["local", "reset", "--yes", "--data-dir", data]);
        }
    }

    [Fact]
    public async Task Verify_FunctionServiceKilledMidRun_LocalUpResumesAndNothingIsLostOrCountedTwice()
    {
        await using var stack = await FaultSuiteStack.UpAsync();
        var simulation = stack.SimulateAsync(8, TimeSpan.FromSeconds(20), 2, EveryProducerFault);
        await Poll.UntilAsync(() => stack.RecordsProcessed() > 20 || simulation.IsCompleted, "the aggregator to process records", TimeSpan.FromMinutes(1));

        var killed = stack.State.Functions!.ProcessId;
        FaultSuiteStack.KillHard(killed);
        var restarted = await stack.UpAgainAsync();
        await simulation;
        var (exitCode, report) = await stack.VerifyAsync(CatchUp);

        Assert.NotEqual(killed, restarted.Functions!.ProcessId);
        Assert.True(restarted.FunctionsRunning);
        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Verify_EmulatorsKilledMidRun_LocalUpRestartsOnlyThemOnTheirPortsAndNothingIsLost()
    {
        await using var stack = await FaultSuiteStack.UpAsync();
        var before = stack.State;
        var simulation = stack.SimulateAsync(8, TimeSpan.FromSeconds(20), 2, EveryProducerFault);
        await Poll.UntilAsync(() => stack.RecordsProcessed() > 20 || simulation.IsCompleted, "the aggregator to process records", TimeSpan.FromMinutes(1));

        FaultSuiteStack.KillHard(before.Processes.Single(p => p.Kind == EmulatorKind.DynamoDb).ProcessId);
        FaultSuiteStack.KillHard(before.Processes.Single(p => p.Kind == EmulatorKind.Kinesis).ProcessId);
        var after = await stack.UpAgainAsync();
        await simulation;
        var (exitCode, report) = await stack.VerifyAsync(CatchUp);

        foreach (var kind in new[] { EmulatorKind.Kinesis, EmulatorKind.DynamoDb })
        {
            var (old, now) = (before.Processes.Single(p => p.Kind == kind), after.Processes.Single(p => p.Kind == kind));
            Assert.Equal(old.Port, now.Port);
            Assert.NotEqual(old.ProcessId, now.ProcessId);
        }

        Assert.Equal(before.Processes.Single(p => p.Kind == EmulatorKind.S3).ProcessId, after.Processes.Single(p => p.Kind == EmulatorKind.S3).ProcessId);
        Assert.Equal(before.Functions!.ProcessId, after.Functions!.ProcessId);
        Assert.Equal(before.FaultProxy!.ProcessId, after.FaultProxy!.ProcessId);
        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Verify_DynamoDbOutageMidRun_ShardWaitsAndNothingIsSkippedOrLost()
    {
        await using var stack = await FaultSuiteStack.UpAsync();
        using var proxy = new FaultProxyClient(stack.State.FaultProxy!.ControlEndpoint);
        var simulation = stack.SimulateAsync(8, TimeSpan.FromSeconds(30), 2, FaultOptions.None);
        await Poll.UntilAsync(() => stack.RecordsProcessed() > 20 || simulation.IsCompleted, "the aggregator to process records", TimeSpan.FromMinutes(1));

        await proxy.SetAsync("dynamodb-outage", 3, TimeSpan.FromMinutes(5));
        await Poll.UntilAsync(
            async () => (await proxy.GetStatusAsync()).Upstreams["dynamodb"].Counters,
            c => c.ServerErrors + c.Resets > 50,
            TimeSpan.FromMinutes(1),
            "the outage to fail DynamoDB calls");
        var atEnd = stack.RecordsProcessed();
        await proxy.SetAsync(FaultProfile.OffName, null, null);

        // No shard stays blocked past the outage: the next retry (backoff capped at 5 s) goes through.
        await Poll.UntilAsync(() => stack.RecordsProcessed() > atEnd, "the aggregator to resume after the outage", TimeSpan.FromSeconds(20));
        await simulation;
        var (exitCode, report) = await stack.VerifyAsync(CatchUp);

        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
        Assert.Equal(0, exitCode);
        var onFailure = Path.Combine(stack.DataDirectory, "on-failure", "aggregator.jsonl");
        Assert.True(!File.Exists(onFailure) || new FileInfo(onFailure).Length == 0, "nothing was skipped to the on-failure destination");
    }
}
