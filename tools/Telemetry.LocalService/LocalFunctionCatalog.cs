using Telemetry.Aws.EventBridge;
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
    public const string Alerter = "alerter";

    public static LocalFunction Create(string name, LocalStackState state, TimeProvider time) => name switch
    {
        Aggregator => CreateAggregator(state, time),
        Alerter => CreateAlerter(state, time),
        _ => throw new InvalidOperationException(
            $"config/pipeline.json lists the stream consumer '{name}', which the local function service cannot run (known: {Aggregator}, {Alerter})."),
    };

    private static LocalFunction CreateAggregator(LocalStackState state, TimeProvider time)
    {
        // The same variables as on Lambda (lateness, TTLs); only the table is the local stack's.
        var settings = AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = state.TableName };
        var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var function = new AggregatorFunction(dynamo, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), dynamo);
    }

    private static LocalFunction CreateAlerter(LocalStackState state, TimeProvider time)
    {
        var wiring = state.Alerts ?? throw new InvalidOperationException(
            "the stack has no alert wiring on moto (it was started by an older version); run './telemetry local down' and './telemetry local up'.");

        // The same variables as on Lambda; the table and bus are the local stack's, the rules the repository's file.
        var settings = AlerterSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = state.TableName, EventBusName = wiring.BusName };
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(AlerterSettings.RulesVariable)))
        {
            settings = settings with { RulesPath = Path.Combine(LocalToolsFolder.RepoRoot, "config", AlerterSettings.RulesFileName) };
        }

        var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        var events = new EventBridgeClient(new EventBridgeClientOptions
        {
            ServiceUrl = state.Endpoint(EmulatorKind.Moto),
            Region = LocalAws.Region,
            Credentials = LocalAws.Credentials,
        });
        var function = new AlerterFunction(dynamo, events, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), new Disposables(dynamo, events));
    }

    private sealed class Disposables(params IDisposable[] resources) : IDisposable
    {
        public void Dispose()
        {
            foreach (var resource in resources)
            {
                resource.Dispose();
            }
        }
    }
}

/// <summary>A function's handler and the clients to release when it stops.</summary>
internal sealed record LocalFunction(StreamHandler Handler, IDisposable Resources);
