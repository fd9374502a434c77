using Amazon.DynamoDBv2;
using Amazon.S3;
using Telemetry.Aws.CloudWatch;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands;

/// <summary>Clients and names for either the local stack or AWS, chosen once per command.</summary>
/// <param name="Name">Says which target was chosen, for messages.</param>
/// <param name="TableName">The telemetry table.</param>
/// <param name="DynamoDb">Creates a DynamoDB client for the target's endpoint, region and credentials.</param>
/// <param name="BucketName">The archive bucket: the local stack's, the stack output <c>bucketName</c>, or <c>TELEMETRY_BUCKET</c>.</param>
/// <param name="S3">Creates an S3 client for the target.</param>
/// <param name="StreamName">The stream: the local stack's, the stack output <c>streamName</c>, or <c>TELEMETRY_STREAM</c>.</param>
/// <param name="Kinesis">Creates a Kinesis client for the target (locally the emulator itself, not the fault proxy).</param>
/// <param name="BusName">The alert event bus: the local stack's, the stack output <c>busName</c>, or <c>TELEMETRY_EVENT_BUS</c>.</param>
/// <param name="Events">Creates an EventBridge client for the target (locally moto).</param>
public sealed record PipelineTarget(
    string Name,
    string TableName,
    Func<IAmazonDynamoDB> DynamoDb,
    string BucketName,
    Func<IAmazonS3> S3,
    string StreamName,
    Func<IKinesisClient> Kinesis,
    string BusName,
    Func<IEventBridgeClient> Events)
{
    private static readonly IReadOnlyDictionary<string, string> NoFunctions = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The deployed functions' names by key (<c>aggregator</c>, <c>alerter</c>, <c>watchdog</c>), from <c>--stack</c>'s
    /// outputs; empty locally and without <c>--stack</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionNames { get; init; } = NoFunctions;

    /// <summary>Creates a CloudWatch client for the target; null locally, where the functions' metric lines stay in functions.log.</summary>
    public Func<CloudWatchClient>? CloudWatch { get; init; }

    /// <summary>Resolves the target of <paramref name="settings"/>: the local stack, a Pulumi stack's outputs, or the AWS variables.</summary>
    /// <param name="settings">The command's target flags.</param>
    /// <param name="pulumi">Runs <c>pulumi stack output</c> for <c>--stack</c>.</param>
    /// <param name="environment">Where region and credentials come from (normally <see cref="AwsClientEnvironment.Process"/>).</param>
    /// <param name="cancellationToken">Cancels the Pulumi call.</param>
    public static async Task<PipelineTarget> ResolveAsync(
        TargetSettings settings, IPulumiCommand pulumi, AwsClientEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pulumi);
        ArgumentNullException.ThrowIfNull(environment);
        var target = settings.ResolvedTarget;
        var state = target == "aws" ? null : LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state is { AllRunning: true })
        {
            return new PipelineTarget(
                "local",
                state.TableName,
                () => LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb)),
                state.BucketName,
                () => LocalAws.S3(state.EmulatorEndpoint(EmulatorKind.S3)),
                state.StreamName,
                () => LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis)),
                state.Alerts?.BusName ?? PipelineNames.DefaultEventBus,
                () => state.Alerts is null
                    ? throw new InvalidOperationException("the local stack has no alert wiring (it was started by an older version); run './telemetry local down' and './telemetry local up'.")
                    : new EventBridgeClient(new EventBridgeClientOptions { ServiceUrl = state.EmulatorEndpoint(EmulatorKind.Moto), Region = LocalAws.Region, Credentials = LocalAws.Credentials }));
        }

        if (target == "local")
        {
            throw new InvalidOperationException("--target local: the local stack is not running; start it with './telemetry local up'.");
        }

        var outputs = settings.Stack is { } stack
            ? await PulumiStackOutputs.ReadAsync(pulumi, stack, LocalToolsFolder.RepoRoot, cancellationToken)
            : null;

        // Resolved up front so a missing region or credentials fails with the same clear message as the Kinesis client.
        var region = AwsRegionResolver.Resolve(outputs?.Region, environment);
        var credentials = AwsCredentialsResolver.Resolve(null, environment);
        return new PipelineTarget(
            outputs is null ? "aws" : $"aws, stack {settings.Stack}",
            outputs?.TableName ?? PipelineNames.Table,
            () => new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { RegionEndpoint = region }),
            outputs?.BucketName ?? PipelineNames.Bucket,
            () => new AmazonS3Client(credentials, new AmazonS3Config { RegionEndpoint = region }),
            outputs?.StreamName ?? PipelineNames.Stream,
            () => new KinesisClient(new KinesisClientOptions { Region = region.SystemName, Credentials = credentials }),
            outputs?.BusName ?? PipelineNames.EventBus,
            () => new EventBridgeClient(new EventBridgeClientOptions { Region = region.SystemName, Credentials = credentials }))
        {
            FunctionNames = outputs is null ? NoFunctions : outputs.FunctionNames.Concat(outputs.ScheduledFunctionNames).ToDictionary(StringComparer.Ordinal),
            CloudWatch = () => new CloudWatchClient(new CloudWatchClientOptions { Region = region.SystemName, Credentials = credentials }),
        };
    }
}
