using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Functions.Aggregation;
using Telemetry.Functions.Events;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Batches;
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
        TimeSpan lastSeenLag) =>
        processor = new AlertBatchProcessor(rules, states, episodes, publisher, seen, rejected, timeProvider, lastSeenLag);

    // Settings and rules are read before any client is built, so a bad variable or rules file fails first.
    private AlerterFunction(AlerterSettings settings)
        : this(new AmazonDynamoDBClient(), new EventBridgeClient(), settings, TimeProvider.System)
    {
    }

    /// <summary>Reads a Lambda Kinesis event and returns the <c>batchItemFailures</c> response.</summary>
    public Task<Stream> Handle(Stream input) =>
        KinesisEventMapping.HandleAsync(input, async (kinesisEvent, ct) =>
            KinesisEventMapping.ToResponse(await processor.ProcessAsync(KinesisEventMapping.ToStreamRecords(kinesisEvent), ct)));
}
