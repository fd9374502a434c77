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

        return new PipelineTarget("aws", PipelineNames.Stream, PipelineNames.Table, () => new AmazonDynamoDBClient(), () => new KinesisClient());
    }
}
