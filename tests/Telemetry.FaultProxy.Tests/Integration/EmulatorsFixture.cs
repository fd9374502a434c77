using Amazon.DynamoDBv2;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.Faults;

namespace Telemetry.FaultProxy.Tests.Integration;

/// <summary>kinesalite and dynalite on free ports, started the way the local stack starts them, shared by the integration tests.</summary>
public sealed class EmulatorsFixture : IAsyncLifetime
{
    private static readonly TimeSpan ActiveDeadline = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "telemetry-fault-proxy-tests-" + Guid.NewGuid().ToString("N"));
    private LocalEmulators? _emulators;

    public Uri KinesisEndpoint => _emulators!.KinesisEndpoint;

    public Uri DynamoDbEndpoint => _emulators!.DynamoDbEndpoint;

    /// <summary>Straight to kinesalite: what is really on the stream.</summary>
    public KinesisClient Direct { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = _dataDirectory, S3 = false });
        Direct = LocalClients.Kinesis(KinesisEndpoint);
    }

    public async Task DisposeAsync()
    {
        Direct?.Dispose();
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A proxy in this process in front of both emulators, on free ports.</summary>
    public Task<FaultProxyServer> StartProxyAsync(FaultProfiles profiles, string profile, int seed = 1, TimeProvider? time = null)
    {
        var options = new FaultProxyOptions(new Dictionary<FaultUpstream, UpstreamEndpoint>
        {
            [FaultUpstream.Kinesis] = new(KinesisEndpoint, 0),
            [FaultUpstream.DynamoDb] = new(DynamoDbEndpoint, 0),
        });
        time ??= TimeProvider.System;
        return FaultProxyServer.StartAsync(options, new FaultControl(profiles, time, profile, seed), time);
    }

    /// <summary>The SDK client with its own retries off, so each injected fault reaches the test.</summary>
    public static AmazonDynamoDBClient DynamoDb(Uri endpoint) =>
        new(LocalAws.Credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = LocalAws.Region, MaxErrorRetry = 0 });

    public async Task<string> CreateActiveStreamAsync()
    {
        var name = "fault-" + Guid.NewGuid().ToString("N")[..12];
        await Direct.CreateStreamAsync(name, 1);
        await Poll.UntilAsync(() => Direct.DescribeStreamSummaryAsync(name), s => s.StreamStatus == "ACTIVE", ActiveDeadline, $"stream {name} to become ACTIVE");
        return name;
    }

    /// <summary>Every record on the stream's one shard, in order.</summary>
    public async Task<IReadOnlyList<KinesisRecord>> ReadAllAsync(string stream)
    {
        var shard = (await Direct.ListShardsAsync(stream)).Single();
        var iterator = await Direct.GetShardIteratorAsync(stream, shard.ShardId, ShardIteratorPosition.TrimHorizon);
        var result = await Direct.GetRecordsAsync(iterator, 10_000);
        return result.Records;
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<EmulatorsFixture>
{
    public const string Name = "emulators behind the fault proxy";
}
