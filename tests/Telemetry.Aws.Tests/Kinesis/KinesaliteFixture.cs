using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;
using Telemetry.Local.Emulators;

namespace Telemetry.Aws.Tests.Kinesis;

/// <summary>One kinesalite on a free port for a test class; each test creates its own stream.</summary>
public sealed class KinesaliteFixture : IAsyncLifetime
{
    private static readonly TimeSpan ActiveDeadline = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "telemetry-aws-tests-" + Guid.NewGuid().ToString("N"));
    private LocalEmulators? _emulators;

    public KinesisClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = _dataDirectory, DynamoDb = false, S3 = false });
        Client = new KinesisClient(new KinesisClientOptions
        {
            ServiceUrl = _emulators.KinesisEndpoint,
            Region = LocalAws.Region,
            Credentials = LocalAws.Credentials,
            Environment = TestEnvironment.Empty,
        });
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public async Task<string> CreateActiveStreamAsync(int shardCount)
    {
        var name = "test-" + Guid.NewGuid().ToString("N")[..12];
        await Client.CreateStreamAsync(name, shardCount);
        await WaitUntilActiveAsync(name);
        return name;
    }

    public async Task<StreamSummary> WaitUntilActiveAsync(string streamName)
    {
        return await Poll.UntilAsync(
            () => Client.DescribeStreamSummaryAsync(streamName),
            summary => summary.StreamStatus == "ACTIVE",
            ActiveDeadline,
            $"stream {streamName} to become ACTIVE");
    }
}
