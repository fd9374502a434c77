using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>One kinesalite for every event source mapping test; each test creates its own stream in it.</summary>
public sealed class EventSourceMappingKinesisFixture : IAsyncLifetime
{
    private LocalEmulators? _emulators;
    private KinesisClient? _kinesis;

    public KinesisClient Kinesis => _kinesis ?? throw new InvalidOperationException("The fixture is not initialized.");

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("telemetry-esm-tests-").FullName;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(new EmulatorOptions
        {
            DataDirectory = Path.Combine(DataDirectory, "emulators"),
            DynamoDb = false,
            S3 = false,
        });
        _kinesis = LocalClients.Kinesis(_emulators.KinesisEndpoint);
    }

    public async Task DisposeAsync()
    {
        _kinesis?.Dispose();
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>A fresh directory for one test's checkpoints and on-failure file.</summary>
    public string NewTestDirectory() => Directory.CreateDirectory(Path.Combine(DataDirectory, "tests", Guid.NewGuid().ToString("N"))).FullName;

    public async Task<TestStream> CreateStreamAsync(int shardCount)
    {
        var name = $"esm-{Guid.NewGuid():N}"[..20];
        await Kinesis.CreateStreamAsync(name, shardCount);
        var summary = await WaitUntilActiveAsync(name);
        return new TestStream(Kinesis, name, summary.StreamArn);
    }

    public async Task<StreamSummary> WaitUntilActiveAsync(string streamName)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            var summary = await Kinesis.DescribeStreamSummaryAsync(streamName);
            if (summary.StreamStatus == "ACTIVE")
            {
                return summary;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Stream {streamName} is still {summary.StreamStatus}.");
            }

            await Task.Delay(20);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EventSourceMappingCollection : ICollectionFixture<EventSourceMappingKinesisFixture>
{
    public const string Name = "event source mapping on kinesalite";
}
