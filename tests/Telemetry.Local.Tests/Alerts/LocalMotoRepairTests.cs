using System.Diagnostics;
using Telemetry.Aws.EventBridge;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests.Alerts;

public sealed class LocalMotoRepairTests
{
    [Fact]
    public async Task UpAsync_MotoKilled_RestartsItOnItsPortWithTheWiringAndLeavesTheOthersAlone()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-moto-repair-").FullName;
        try
        {
            var options = new LocalStackOptions { DataDirectory = data, ShardCount = 1, StartFunctions = false }.WithFreePorts();
            var first = await LocalStack.UpAsync(options);
            var killed = first.Processes.Single(p => p.Kind == EmulatorKind.Moto);
            using (var process = Process.GetProcessById(killed.ProcessId))
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            var repaired = await LocalStack.UpAsync(options);

            var moto = repaired.Processes.Single(p => p.Kind == EmulatorKind.Moto);
            Assert.NotEqual(killed.ProcessId, moto.ProcessId);
            Assert.Equal(killed.Port, moto.Port);
            Assert.True(moto.IsRunning());
            Assert.Equal(
                first.Processes.Where(p => p.Kind != EmulatorKind.Moto).Select(p => p.ProcessId).Order(),
                repaired.Processes.Where(p => p.Kind != EmulatorKind.Moto).Select(p => p.ProcessId).Order());
            Assert.Equal(first.FaultProxy?.ProcessId, repaired.FaultProxy?.ProcessId);
            var alerts = repaired.Alerts!;
            using var client = LocalClients.EventBridge(moto.Endpoint);
            await client.PutEventsAsync(alerts.BusName, [new EventEntry(AlertEventTypes.Source, AlertEventTypes.AlertRaised, """{"episodeId":"after-repair"}""")]);
            using var sqs = LocalAws.Sqs(moto.Endpoint);
            Assert.Equal("after-repair", Assert.Single(await AlertQueueReader.DrainAsync(sqs, alerts.QueueUrl)).EpisodeId);
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }

    [Fact]
    public async Task DownAsync_StackWithMoto_StopsMoto()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-moto-down-").FullName;
        try
        {
            var state = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = data, ShardCount = 1, StartFunctions = false }.WithFreePorts());
            var moto = state.Processes.Single(p => p.Kind == EmulatorKind.Moto);

            Assert.True(await LocalStack.DownAsync(data));

            Assert.False(moto.IsRunning());
            Assert.False(DetachedProcess.IsAlive(moto.ProcessId));
        }
        finally
        {
            await LocalStack.ResetAsync(data);
        }
    }
}
