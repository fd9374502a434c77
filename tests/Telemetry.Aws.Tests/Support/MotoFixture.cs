using Telemetry.Local.Emulators;

namespace Telemetry.Aws.Tests.Support;

/// <summary>One moto server for a test class; its tests name their own topics and queues so they do not meet.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("telemetry-moto-sns-").FullName;
    private MotoServer? _server;

    public Uri Endpoint => (_server ?? throw new InvalidOperationException("moto is not started")).Endpoint;

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
