using Amazon.SQS.Model;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests;

public sealed class MotoServerTests : IDisposable
{
    private readonly string fakes = Directory.CreateTempSubdirectory("telemetry-fake-python-").FullName;

    public void Dispose() => Directory.Delete(fakes, recursive: true);

    [Fact]
    public async Task StartAsync_PinnedMotoInstalled_AnswersSqsAndStopsOnDispose()
    {
        var folder = Directory.CreateTempSubdirectory("telemetry-moto-").FullName;
        try
        {
            MotoServer started;
            await using (var moto = await MotoServer.StartAsync(folder))
            {
                started = moto;
                using var sqs = LocalAws.Sqs(moto.Endpoint);
                var queue = await sqs.CreateQueueAsync("moto-check");
                await sqs.SendMessageAsync(queue.QueueUrl, "hello");
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue.QueueUrl, WaitTimeSeconds = 0 });

                Assert.Equal("hello", Assert.Single(received.Messages).Body);
                Assert.Equal("127.0.0.1", moto.Endpoint.Host);
                Assert.True(moto.IsRunning());
            }

            Assert.False(started.IsRunning());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void PinnedVersion_RequirementsOfToolsLocal_IsTheVersionTheArchitectureNames()
    {
        Assert.Equal("5.2.1", MotoInstallation.PinnedVersion(LocalToolsFolder.Path));
    }

    [Fact]
    public async Task FindAsync_PythonNotOnPath_SaysSoAndWhatItIsNeededFor()
    {
        var error = await Assert.ThrowsAsync<PythonNotFoundException>(() => MotoInstallation.FindAsync("telemetry-no-such-python3"));

        Assert.Contains("'telemetry-no-such-python3' was not found on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("moto[server]==5.2.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_OtherMotoVersion_NamesBothVersionsAndHowToInstallThePin()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MotoInstallation.FindAsync(FakePython("5.0.0", "server")));

        Assert.Contains("has moto 5.0.0, but tools/local pins 5.2.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("pip install -r", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_MotoMissing_SaysItIsNotInstalled()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MotoInstallation.FindAsync(FakePython(string.Empty, "ModuleNotFoundError()")));

        Assert.Contains("moto is not installed for /opt/fake/python3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_MotoWithoutServerExtras_SaysTheExtrasAreMissing()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => MotoInstallation.FindAsync(FakePython("5.2.1", "ModuleNotFoundError(\"No module named 'flask'\")")));

        Assert.Contains("lacks its server extras", error.Message, StringComparison.Ordinal);
    }

    // An interpreter that answers the probe as a given installation would: executable, moto version, server import.
    private string FakePython(string version, string server)
    {
        var path = Path.Combine(fakes, $"python3-{Guid.NewGuid():N}");
        File.WriteAllText(path, $"#!/bin/sh\nprintf '%s\\n' /opt/fake/python3 '{version}' '{server.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
