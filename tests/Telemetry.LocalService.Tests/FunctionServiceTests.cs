using System.Diagnostics;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.LocalService.Tests;

// One collection: a test here sets an environment variable that every service started meanwhile would inherit.
[Collection(nameof(LocalTestStack))]
public sealed class FunctionServiceTests
{
    [Fact]
    public async Task UpAsync_SettingTheFunctionCannotUse_FailsAtOnceNamingTheVariable()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-service-").FullName;
        var options = new LocalStackOptions { DataDirectory = data, FlushInterval = TimeSpan.FromSeconds(1) }.WithFreePorts();
        Environment.SetEnvironmentVariable("TELEMETRY_ALLOWED_LATENESS", "5");
        try
        {
            var waited = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalStack.UpAsync(options));

            Assert.Contains("exited", error.Message, StringComparison.Ordinal);
            Assert.Contains("TELEMETRY_ALLOWED_LATENESS='5'", error.Message, StringComparison.Ordinal);
            Assert.True(waited.Elapsed < options.StartTimeout, $"took {waited.Elapsed}, as long as waiting for a service that never gets ready");
        }
        finally
        {
            Environment.SetEnvironmentVariable("TELEMETRY_ALLOWED_LATENESS", null);
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task UpAsync_RecordsPutByAnotherClient_AreAggregatedByTheBackgroundService()
    {
        await using var stack = await LocalTestStack.UpAsync();

        await stack.PutReadingsAsync("other-client-1", first: 1, count: 25);
        var counted = await stack.WaitUntilCountedAsync("other-client-1", 25);

        Assert.Equal(25, counted);
        Assert.True(stack.State.FunctionsRunning);
        var status = await Poll.UntilAsync(
            () => Task.FromResult(FunctionServiceStatus.Load(stack.DataDirectory)),
            s => s?.Consumers.Single(c => c.Function == "aggregator").RecordsProcessed == 25,
            TimeSpan.FromSeconds(10),
            "the status file to report 25 records processed");
        Assert.Equal(stack.State.Functions!.ProcessId, status!.ProcessId);
        Assert.True(status.Ready);
    }

    [Fact]
    public async Task UpAsync_AfterTheServiceWasKilled_RestartsOnlyItAndResumesFromItsCheckpoints()
    {
        await using var stack = await LocalTestStack.UpAsync();
        await stack.PutReadingsAsync("resume-1", first: 1, count: 10);
        await stack.WaitUntilCountedAsync("resume-1", 10);
        var before = stack.State;

        Process.GetProcessById(before.Functions!.ProcessId).Kill();
        await Poll.UntilAsync(() => Task.FromResult(before.FunctionsRunning), running => !running, TimeSpan.FromSeconds(10), "the killed service to be gone");
        await stack.PutReadingsAsync("resume-1", first: 11, count: 10);
        var after = await LocalStack.UpAsync(stack.Options);
        var counted = await stack.WaitUntilCountedAsync("resume-1", 20);

        Assert.NotEqual(before.Functions.ProcessId, after.Functions!.ProcessId);
        Assert.Equal(before.Processes.Select(p => p.ProcessId), after.Processes.Select(p => p.ProcessId));
        Assert.Equal(20, counted);
    }

    [Fact]
    public async Task UpAsync_OneEmulatorDied_RestartsItOnItsPortAndLeavesTheRestRunning()
    {
        await using var stack = await LocalTestStack.UpAsync();
        var before = stack.State;
        var dynamo = before.Processes.Single(p => p.Kind == EmulatorKind.DynamoDb);

        await dynamo.StopAsync();
        var after = await LocalStack.UpAsync(stack.Options);

        var restarted = after.Processes.Single(p => p.Kind == EmulatorKind.DynamoDb);
        Assert.Equal(dynamo.Port, restarted.Port);
        Assert.NotEqual(dynamo.ProcessId, restarted.ProcessId);
        Assert.Equal(
            before.Processes.Where(p => p.Kind != EmulatorKind.DynamoDb).Select(p => p.ProcessId),
            after.Processes.Where(p => p.Kind != EmulatorKind.DynamoDb).Select(p => p.ProcessId));
        Assert.Equal(before.Functions!.ProcessId, after.Functions!.ProcessId);
        await stack.PutReadingsAsync("after-restart-1", first: 1, count: 5);
        Assert.Equal(5, await stack.WaitUntilCountedAsync("after-restart-1", 5));
    }

    [Fact]
    public async Task DownAsync_RunningStack_LeavesNoProcessBehind()
    {
        await using var stack = await LocalTestStack.UpAsync();
        var state = stack.State;

        var stopped = await LocalStack.DownAsync(stack.DataDirectory);

        Assert.True(stopped);
        Assert.False(state.FunctionsRunning);
        Assert.All(state.Processes, p => Assert.False(p.IsRunning()));
        Assert.Null(LocalStackState.Load(stack.DataDirectory));
    }
}
