using Telemetry.Aws;

namespace Telemetry.Local.Stack;

/// <summary>Where the local stack keeps its data and which ports and resources it uses (a null port: any free one).</summary>
public sealed record LocalStackOptions
{
    public const string DataDirectoryVariable = "TELEMETRY_LOCAL_DIR";
    public const int DefaultKinesisPort = 4567;
    public const int DefaultDynamoDbPort = 4568;
    public const int DefaultS3Port = 4569;
    public const int DefaultKinesisProxyPort = 4570;
    public const int DefaultDynamoDbProxyPort = 4571;
    public const int DefaultMotoPort = 4572;

    /// <summary>The alert bus, named as the deployment names it with the default prefix.</summary>
    public const string DefaultBusName = "telemetry";

    public string DataDirectory { get; init; } = DefaultDataDirectory();

    public int? KinesisPort { get; init; } = DefaultKinesisPort;

    public int? DynamoDbPort { get; init; } = DefaultDynamoDbPort;

    public int? S3Port { get; init; } = DefaultS3Port;

    /// <summary>Where the fault proxy listens for Kinesis clients; the stack's Kinesis endpoint is this one.</summary>
    public int? KinesisProxyPort { get; init; } = DefaultKinesisProxyPort;

    /// <summary>Where the fault proxy listens for DynamoDB clients; the stack's DynamoDB endpoint is this one.</summary>
    public int? DynamoDbProxyPort { get; init; } = DefaultDynamoDbProxyPort;

    /// <summary>moto server: EventBridge, SNS and SQS, for the alert fan-out.</summary>
    public int? MotoPort { get; init; } = DefaultMotoPort;

    public int ShardCount { get; init; } = 2;

    /// <summary>Replaces the archive's buffering interval of config/pipeline.json for this stack; null keeps the file's.</summary>
    public TimeSpan? ArchiveBufferingInterval { get; init; }

    /// <summary>Replaces the aggregator's <c>TumblingWindowInSeconds</c> for this stack (0: a write per batch); null keeps the file's.</summary>
    public TimeSpan? FlushInterval { get; init; }

    /// <summary>Whether <c>up</c> also starts the local function service (the consumers); the emulator tests leave it off.</summary>
    public bool StartFunctions { get; init; } = true;

    /// <summary>How long a process may take to answer after it starts.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The port asked for <paramref name="kind"/>; null: any free one.</summary>
    public int? PortOf(Emulators.EmulatorKind kind) => kind switch
    {
        Emulators.EmulatorKind.Kinesis => KinesisPort,
        Emulators.EmulatorKind.DynamoDb => DynamoDbPort,
        Emulators.EmulatorKind.S3 => S3Port,
        Emulators.EmulatorKind.Moto => MotoPort,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public string StreamName { get; init; } = PipelineNames.Stream;

    public string TableName { get; init; } = PipelineNames.Table;

    public string BucketName { get; init; } = PipelineNames.Bucket;

    public string BusName { get; init; } = DefaultBusName;

    /// <summary>config/pipeline.json, whose <c>alerts</c> section the local alert wiring follows as the deployment does.</summary>
    public string PipelineConfigPath { get; init; } = PipelineConfig.DefaultPath;

    /// <summary>These options with every port left to the system: for stacks beside others (tests, a second stack).</summary>
    public LocalStackOptions WithFreePorts() =>
        this with { KinesisPort = null, DynamoDbPort = null, S3Port = null, KinesisProxyPort = null, DynamoDbProxyPort = null, MotoPort = null };

    public static string DefaultDataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Emulators.LocalToolsFolder.RepoRoot, ".telemetry", "local")
            : Path.GetFullPath(configured);
    }
}
