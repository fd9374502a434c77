using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Functions;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Service;
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

    public const string Watchdog = "watchdog";

    public static LocalFunction CreateScheduled(string name, LocalStackState state, TimeProvider time) => name switch
    {
        Watchdog => CreateWatchdog(state, time),
        _ => throw new InvalidOperationException(
            $"config/pipeline.json lists the scheduled function '{name}', which the local function service cannot run (known: {Watchdog})."),
    };

    private static LocalFunction CreateAggregator(LocalStackState state, TimeProvider time)
    {
        // The same variables as on Lambda (lateness, TTLs); only the table is the local stack's.
        var settings = AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = state.TableName };
        var calls = new DynamoDbCallCounter();
        var dynamo = calls.Attach(LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb)));
        var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var function = new AggregatorFunction(dynamo, kinesis, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), new Disposables(dynamo, kinesis), calls);
    }

    private static LocalFunction CreateAlerter(LocalStackState state, TimeProvider time)
    {
        var calls = new DynamoDbCallCounter();
        var (dynamo, events, settings) = AlertClients(state);
        var function = new AlerterFunction(calls.Attach(dynamo), events, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), new Disposables(dynamo, events), calls);
    }

    private static LocalFunction CreateWatchdog(LocalStackState state, TimeProvider time)
    {
        var (dynamo, events, settings) = AlertClients(state);
        var calls = new DynamoDbCallCounter();
        var function = new WatchdogFunction(calls.Attach(dynamo), events, settings, time);
        return new LocalFunction((input, _) => function.Handle(input), new Disposables(dynamo, events), calls);
    }

    // What the alerter and the watchdog share: the same variables as on Lambda; the table and bus are the local
    // stack's, the rules the repository's file unless TELEMETRY_ALERT_RULES names another.
    private static (IAmazonDynamoDB Dynamo, EventBridgeClient Events, AlerterSettings Settings) AlertClients(LocalStackState state)
    {
        var wiring = state.Alerts ?? throw new InvalidOperationException(
            "the stack has no alert wiring on moto (it was started by an older version); run './telemetry local down' and './telemetry local up'.");
        var settings = RepositoryAlerterSettings.For(state.TableName, wiring.BusName);

        var events = new EventBridgeClient(new EventBridgeClientOptions
        {
            ServiceUrl = state.Endpoint(EmulatorKind.Moto),
            Region = LocalAws.Region,
            Credentials = LocalAws.Credentials,
        });
        return (LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb)), events, settings);
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

/// <summary>A function's handler, the clients to release when it stops, and what its DynamoDB client has called.</summary>
internal sealed record LocalFunction(StreamHandler Handler, IDisposable Resources, DynamoDbCallCounter Calls);
