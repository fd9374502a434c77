using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Functions.Aggregation;
using Telemetry.Functions.Events;
using Telemetry.Functions.Observability;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Metrics;
using Telemetry.Storage;
using Telemetry.Storage.Alerts;

namespace Telemetry.Functions;

/// <summary>
/// The alerter Lambda: Kinesis batches in, alert state in DynamoDB and alert events on the bus out (docs/alerter.md).
/// Handler string: <c>Telemetry.Functions::Telemetry.Functions.AlerterFunction::Handle</c>.
/// </summary>
public sealed class AlerterFunction
{
    private readonly AlertBatchProcessor processor;
    private readonly InvocationTelemetry telemetry;

    /// <summary>For the Lambda runtime: settings and rules read at start, clients from the SDK's defaults.</summary>
    public AlerterFunction()
        : this(AlerterSettings.FromEnvironment(Environment.GetEnvironmentVariable))
    {
    }

    /// <summary>For tests and the local host.</summary>
    public AlerterFunction(IAmazonDynamoDB dynamoDb, IEventBridgeClient events, AlerterSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        processor = AlertProcessing.Create(dynamoDb, events, settings, settings.LoadRules(), timeProvider, Console.Error);
        telemetry = Telemetry(timeProvider, null);
    }

    // The ports are the seam unit tests use; the AWS ones are wired above.
    internal AlerterFunction(
        AlertRuleSet rules,
        IAlertStateStore states,
        IAlertEpisodeLog episodes,
        IAlertPublisher publisher,
        ISeenStore seen,
        IRejectedStore rejected,
        TimeProvider timeProvider,
        TimeSpan lastSeenLag,
        TextWriter? metricsOutput = null)
    {
        processor = new AlertBatchProcessor(rules, states, episodes, publisher, seen, rejected, timeProvider, lastSeenLag);
        telemetry = Telemetry(timeProvider, metricsOutput);
    }

    // Settings and rules are read before any client is built, so a bad variable or rules file fails first.
    private AlerterFunction(AlerterSettings settings)
        : this(new AmazonDynamoDBClient(), new EventBridgeClient(), settings, TimeProvider.System)
    {
    }

    /// <summary>Reads a Lambda Kinesis event and returns the <c>batchItemFailures</c> response.</summary>
    public Task<Stream> Handle(Stream input) =>
        KinesisEventMapping.HandleAsync(input, telemetry, async (kinesisEvent, ct) =>
            KinesisEventMapping.ToResponse(await processor.ProcessAsync(KinesisEventMapping.ToStreamRecords(kinesisEvent), ct)));

    private static InvocationTelemetry Telemetry(TimeProvider time, TextWriter? output) =>
        new("alerter", FunctionMetricNames.Alerter, output ?? StandardOutputLines.Writer, time);
}
