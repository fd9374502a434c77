using Amazon.DynamoDBv2;
using Telemetry.Aws.EventBridge;
using Telemetry.Processing.Alerts;
using Telemetry.Storage.Rejected;

namespace Telemetry.Storage.Alerts;

/// <summary>The alerter's processing wired to DynamoDB and EventBridge: one wiring for the function and for the commands that replay into it.</summary>
public static class AlertProcessing
{
    // Enough to keep a batch's DynamoDB round trips overlapping without crowding the client's connections.
    private const int DeviceConcurrency = 16;

    /// <summary>
    /// The alerter's batch processing with <paramref name="rules"/>, its state and history in the table of
    /// <paramref name="settings"/>, events on its bus; <paramref name="time"/> is the time of processing.
    /// <paramref name="recordsLastSeen"/> false leaves last-seen times and lags alone (a replay).
    /// </summary>
    public static AlertBatchProcessor Create(
        IAmazonDynamoDB dynamoDb, IEventBridgeClient events, AlerterSettings settings, AlertRuleSet rules, TimeProvider time, TextWriter log, bool recordsLastSeen = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AlertBatchProcessor(
            rules,
            new AlertStateStore(dynamoDb, settings.TableName),
            new AlertEpisodeLog(dynamoDb, settings.TableName),
            new EventBridgeAlertPublisher(new EventBridgePublisher(events), settings.EventBusName, log),
            new SeenStore(dynamoDb, settings.TableName),
            new RejectedSink(dynamoDb, settings.TableName, log, settings.RejectedTtl),
            time,
            settings.LastSeenLag,
            recordsLastSeen)
        {
            DeviceConcurrency = DeviceConcurrency,
        };
    }
}
