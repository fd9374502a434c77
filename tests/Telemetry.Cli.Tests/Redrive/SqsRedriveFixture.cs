using Amazon.SQS;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests.Redrive;

/// <summary>
/// One local stack (no function service: nothing consumes the stream, so the rollups hold only what redrive applies)
/// and one moto server for SQS, in a temporary folder, for a test class; each test uses its own device and queue.
/// </summary>
public sealed class SqsRedriveFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("telemetry-redrive-sqs-").FullName;

    public LocalStackState State { get; private set; } = null!;

    public MotoServer Moto { get; private set; } = null!;

    public IAmazonSQS Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        State = await LocalStack.UpAsync(new LocalStackOptions { DataDirectory = DataDirectory, ShardCount = 1, StartFunctions = false }.WithFreePorts());
        Moto = await MotoServer.StartAsync(Path.Combine(DataDirectory, "moto"));
        Sqs = LocalAws.Sqs(Moto.Endpoint);
    }

    public async Task DisposeAsync()
    {
        Sqs?.Dispose();
        if (Moto is not null)
        {
            await Moto.DisposeAsync();
        }

        await LocalStack.ResetAsync(DataDirectory);
    }
}
