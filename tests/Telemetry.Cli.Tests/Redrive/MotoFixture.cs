using Amazon.SQS;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests.Redrive;

/// <summary>One moto server (SQS) in a temporary folder for a test class; each test creates its own queue.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("telemetry-moto-").FullName;

    public MotoServer Moto { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Moto = await MotoServer.StartAsync(Directory);
        Sqs = LocalAws.Sqs(Moto.Endpoint);
    }

    public async Task DisposeAsync()
    {
        Sqs?.Dispose();
        if (Moto is not null)
        {
            await Moto.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public async Task<string> NewQueueAsync() =>
        (await Sqs.CreateQueueAsync($"telemetry-aggregator-failures-{Guid.NewGuid().ToString("N")[..12]}")).QueueUrl;
}
