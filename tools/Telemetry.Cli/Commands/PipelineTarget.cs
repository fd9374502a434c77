using Amazon.DynamoDBv2;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands;

/// <summary>Clients and names for either the local stack or AWS, chosen once per command.</summary>
public sealed record PipelineTarget(string Name, string StreamName, string TableName, Func<IAmazonDynamoDB> DynamoDb, Func<IKinesisClient> Kinesis)
{
    public static PipelineTarget Resolve(TargetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var state = settings.Target == "aws" ? null : LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state is { AllRunning: true })
        {
            return new PipelineTarget(
                "local",
                state.StreamName,
                state.TableName,
                () => LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb)),
                () => LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis)));
        }

        if (settings.Target == "local")
        {
            throw new InvalidOperationException("--target local: the local stack is not running; start it with 'telemetry local up'.");
        }

        // Resolved up front so a missing region or credentials fails with the same clear message as the Kinesis client.
        var region = AwsRegionResolver.Resolve(null, AwsClientEnvironment.Process);
        var credentials = AwsCredentialsResolver.Resolve(null, AwsClientEnvironment.Process);
        return new PipelineTarget(
            "aws",
            PipelineNames.Stream,
            PipelineNames.Table,
            () => new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { RegionEndpoint = region }),
            () => new KinesisClient(new KinesisClientOptions { Region = region.SystemName, Credentials = credentials }));
    }
}
