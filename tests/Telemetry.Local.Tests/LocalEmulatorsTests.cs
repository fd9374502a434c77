using Amazon.S3.Model;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests;

public sealed class LocalEmulatorsTests
{
    [Fact]
    public async Task StartAsync_AllEmulators_AnswerRealSdkClientsAndStopOnDispose()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-emulators-").FullName;
        EmulatorProcess[] processes;

        await using (var emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = data }))
        {
            processes = [.. emulators.Processes];
            using var dynamo = LocalAws.DynamoDb(emulators.DynamoDbEndpoint);
            using var s3 = LocalAws.S3(emulators.S3Endpoint);

            var tables = await dynamo.ListTablesAsync();
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = "emulator-check" });
            var buckets = await s3.ListBucketsAsync();

            Assert.Empty(tables.TableNames);
            Assert.Contains(buckets.Buckets, b => b.BucketName == "emulator-check");
            Assert.All(processes, p => Assert.True(p.IsRunning()));
            Assert.All(processes, p => Assert.Equal("127.0.0.1", p.Endpoint.Host));
        }

        Assert.All(processes, p => Assert.False(p.IsRunning()));
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithClearMessage()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;
        var options = new EmulatorOptions
        {
            DataDirectory = Directory.CreateTempSubdirectory("telemetry-emulators-").FullName,
            Kinesis = false,
            S3 = false,
            DynamoDbPort = port,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalEmulators.StartAsync(options));
        Directory.Delete(options.DataDirectory, recursive: true);

        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }
}
