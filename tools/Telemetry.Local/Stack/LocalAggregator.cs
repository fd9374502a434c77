using Telemetry.Functions;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Stack;

/// <summary>
/// The aggregator function behind a local event source mapping: the same handler the Lambda runtime
/// calls, fed the same event JSON, checkpointing in the stack's data folder.
/// </summary>
public static class LocalAggregator
{
    public const string FunctionName = "aggregator";

    public static async Task<RunningFunction> StartAsync(
        LocalStackState state,
        string dataDirectory,
        EventSourceMappingSettings settings,
        TimeProvider time,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var summary = await kinesis.DescribeStreamSummaryAsync(state.StreamName, cancellationToken);
        var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        // The same variables as on Lambda (lateness, TTLs); only the table is the local stack's.
        var function = new AggregatorFunction(dynamo, AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = state.TableName }, time);
        var host = new EventSourceMappingHost(
            FunctionName,
            state.StreamName,
            summary.StreamArn,
            LocalAws.Region,
            kinesis,
            (input, _) => function.Handle(input),
            settings with { OnFailureDestinationPath = Path.Combine(dataDirectory, "on-failure", $"{FunctionName}.jsonl") },
            new FileCheckpointStore(Path.Combine(dataDirectory, "checkpoints")),
            time,
            log);
        var running = new RunningFunction(host, kinesis, dynamo);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }
}
