using Telemetry.Functions;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Stack;
using Telemetry.Storage;

namespace Telemetry.LocalService;

/// <summary>
/// The stream consumers the service can run, by their name in config/pipeline.json. A new consumer is one more entry
/// here and one more function in the settings file; nothing else in the local stack changes.
/// </summary>
internal static class LocalFunctionCatalog
{
    public const string Aggregator = "aggregator";

    public static LocalFunction Create(string name, LocalStackState state, TimeProvider time) => name switch
    {
        Aggregator => CreateAggregator(state, time),
        _ => throw new InvalidOperationException(
            $"config/pipeline.json lists the stream consumer '{name}', which the local function service cannot run (known: {Aggregator})."),
    };

    private static LocalFunction CreateAggregator(LocalStackState state, TimeProvider time)
    {
        // The same variables as on Lambda (lateness, TTLs); only the table is the local stack's.
        var settings = AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = state.TableName };
        var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var function = new AggregatorFunction(dynamo, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), dynamo);
    }
}

/// <summary>A function's handler and the clients to release when it stops.</summary>
internal sealed record LocalFunction(StreamHandler Handler, IDisposable Resources);
