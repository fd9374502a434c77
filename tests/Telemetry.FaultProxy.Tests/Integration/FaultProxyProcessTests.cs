using System.Diagnostics;
using System.Text.Json;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

[Collection(EmulatorsCollection.Name)]
public sealed class FaultProxyProcessTests(EmulatorsFixture emulators)
{
    [Fact]
    public async Task StartAsync_FreePorts_ReportsPortsServesAndStopsCleanlyOnSigterm()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-fault-proxy-").FullName;
        var options = new FaultProxyOptions(new Dictionary<FaultUpstream, UpstreamEndpoint>
        {
            [FaultUpstream.Kinesis] = new(emulators.KinesisEndpoint, 0),
            [FaultUpstream.DynamoDb] = new(emulators.DynamoDbEndpoint, 0),
        });

        var proxy = await FaultProxyProcess.StartAsync(data, options, "flaky", 9, TimeSpan.FromSeconds(30), CancellationToken.None);
        try
        {
            using var http = new HttpClient();
            using var status = JsonDocument.Parse(await http.GetStringAsync(proxy.ControlEndpoint));
            using var dynamo = EmulatorsFixture.DynamoDb(proxy.Endpoint(FaultUpstream.DynamoDb));
            // Flaky may fault this call; either way it went through the proxy process.
            await Record.ExceptionAsync(() => dynamo.ListTablesAsync());

            Assert.Equal("flaky", status.RootElement.GetProperty("profile").GetString());
            Assert.Equal(9, status.RootElement.GetProperty("seed").GetInt32());
            Assert.All(proxy.Ports.Values, p => Assert.NotEqual(0, p));
            Assert.True(proxy.IsRunning());
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await proxy.StopAsync();
            stopping.Stop();
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(4), $"took {stopping.Elapsed} to stop: SIGTERM was not handled");
        }

        Assert.False(proxy.IsRunning());
        Assert.DoesNotContain("Unhandled", await File.ReadAllTextAsync(proxy.LogPath), StringComparison.Ordinal);
        Directory.Delete(data, recursive: true);
    }
}
