using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// The episode history in the telemetry table: one item per episode holding its opening event and, once it ended,
/// its closing event (each as the published detail). An opening event only fills what is not there yet, so a late
/// repeat of it cannot reopen an episode its closing event already closed.
/// </summary>
public sealed class AlertEpisodeLog(IAmazonDynamoDB dynamo, string tableName) : IAlertEpisodeLog
{
    internal const string Opened = "opened";
    internal const string OpenedType = "openedType";
    internal const string Closed = "closed";
    internal const string ClosedType = "closedType";
    internal const string State = "state";
    internal const string OpenState = "open";
    internal const string ClosedState = "closed";

    public async Task<IReadOnlyList<AlertEvent>> RecordAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            try
            {
                await dynamo.UpdateItemAsync(Request(events[i]), cancellationToken);
            }
            catch (AmazonDynamoDBException)
            {
                // Later events of the same pair must not be recorded ahead of this one.
                return [.. events.Skip(i)];
            }
        }

        return [];
    }

    private UpdateItemRequest Request(AlertEvent alert)
    {
        var opens = AlertEventTypes.Opens(alert.DetailType);
        var values = new Dictionary<string, AttributeValue>
        {
            [":detail"] = new() { S = AlertEventCodec.EncodeDetail(alert) },
            [":type"] = new() { S = alert.DetailType },
            [":device"] = new() { S = alert.DeviceId },
            [":episode"] = new() { S = alert.EpisodeId },
            [":state"] = new() { S = opens ? OpenState : ClosedState },
        };
        var names = new Dictionary<string, string>
        {
            ["#detail"] = opens ? Opened : Closed,
            ["#type"] = opens ? OpenedType : ClosedType,
            ["#state"] = State,
        };
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = new()
            {
                [TelemetryTable.PartitionKey] = new() { S = AlertEpisodeTable.DayPartition(AlertEpisodeTable.DayOf(alert.StartedAt)) },
                [TelemetryTable.SortKey] = new() { S = AlertEpisodeTable.SortKey(alert.StartedAt, alert.EpisodeId) },
            },
            UpdateExpression = opens
                ? "SET #detail = if_not_exists(#detail, :detail), #type = if_not_exists(#type, :type), #state = if_not_exists(#state, :state), deviceId = :device, episodeId = :episode"
                : "SET #detail = :detail, #type = :type, #state = :state, deviceId = :device, episodeId = :episode",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }
}
