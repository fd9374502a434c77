using System.Text.Json;
using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Functions.Observability;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Metrics;
using Telemetry.Storage;
using Telemetry.Storage.Alerts;

namespace Telemetry.Functions;

/// <summary>
/// The silence watchdog, run on a schedule (docs/alerter.md): every device's last-seen record through the silence
/// rule, <c>DeviceSilent</c> and <c>DeviceResumed</c> published once per silence. Handler string:
/// <c>Telemetry.Functions::Telemetry.Functions.WatchdogFunction::Handle</c>. The scheduled event's content is not
/// used: each run looks at the clock.
/// </summary>
public sealed class WatchdogFunction
{
    private readonly SilenceWatchdog watchdog;
    private readonly InvocationTelemetry telemetry;

    /// <summary>For the Lambda runtime: settings and rules read at start, clients from the SDK's defaults.</summary>
    public WatchdogFunction()
        : this(AlerterSettings.FromEnvironment(Environment.GetEnvironmentVariable))
    {
    }

    /// <summary>For tests and the local host.</summary>
    public WatchdogFunction(IAmazonDynamoDB dynamoDb, IEventBridgeClient events, AlerterSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        watchdog = new SilenceWatchdog(
            settings.LoadRules(),
            new SeenStore(dynamoDb, settings.TableName),
            new AlertEpisodeLog(dynamoDb, settings.TableName),
            new EventBridgeAlertPublisher(new EventBridgePublisher(events), settings.EventBusName, Console.Error),
            timeProvider,
            settings.LastSeenLag);
        telemetry = new InvocationTelemetry("watchdog", FunctionMetricNames.Watchdog, StandardOutputLines.Writer, timeProvider);
    }

    private WatchdogFunction(AlerterSettings settings)
        : this(new AmazonDynamoDBClient(), new EventBridgeClient(), settings, TimeProvider.System)
    {
    }

    /// <summary>Runs once; returns what it did as JSON (devices, silent, resumed, failed), which Lambda logs.</summary>
    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = await telemetry.RunAsync(() => watchdog.RunAsync(CancellationToken.None), _ => 0);
        if (outcome.Failed > 0)
        {
            // A failed invocation shows in the function's Errors metric and alarm; the outboxes are kept for the next run.
            throw new InvalidOperationException($"{outcome.Failed} device(s) have silence events not yet published; the next run tries again.");
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, outcome, WatchdogJsonContext.Default.WatchdogOutcome);
        output.Position = 0;
        return output;
    }
}
