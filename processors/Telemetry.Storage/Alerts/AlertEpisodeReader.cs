using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts.Alerts;

namespace Telemetry.Storage.Alerts;

/// <summary>Reads the episode history, day by day of episode start, in start order.</summary>
public sealed class AlertEpisodeReader(IAmazonDynamoDB dynamo, string tableName)
{
    /// <summary>Episodes that started from <paramref name="since"/> to <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<AlertEpisodeRow>> QueryAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rows = new List<AlertEpisodeRow>();
        for (var day = AlertEpisodeTable.DayOf(since); day <= AlertEpisodeTable.DayOf(until); day = day.AddDays(1))
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await dynamo.QueryAsync(
                    new QueryRequest
                    {
                        TableName = tableName,
                        KeyConditionExpression = "#pk = :pk AND #sk BETWEEN :from AND :to",
                        ExpressionAttributeNames = new() { ["#pk"] = TelemetryTable.PartitionKey, ["#sk"] = TelemetryTable.SortKey },
                        ExpressionAttributeValues = new()
                        {
                            [":pk"] = new() { S = AlertEpisodeTable.DayPartition(day) },
                            [":from"] = new() { S = AlertEpisodeTable.SortKey(since, "") },
                            [":to"] = new() { S = AlertEpisodeTable.SortKey(until, "~") },
                        },
                        ExclusiveStartKey = start,
                    },
                    cancellationToken);
                rows.AddRange((page.Items ?? []).Select(Row));
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);
        }

        return rows;
    }

    private static AlertEpisodeRow Row(Dictionary<string, AttributeValue> item) =>
        new(Event(item, AlertEpisodeLog.OpenedType, AlertEpisodeLog.Opened), Event(item, AlertEpisodeLog.ClosedType, AlertEpisodeLog.Closed));

    private static AlertEvent? Event(Dictionary<string, AttributeValue> item, string typeAttribute, string detailAttribute)
    {
        if (item.GetValueOrDefault(typeAttribute)?.S is not { } type || item.GetValueOrDefault(detailAttribute)?.S is not { } detail)
        {
            return null;
        }

        return AlertEventCodec.TryDecode(type, detail, out var alert, out var problem)
            ? alert
            : throw new InvalidDataException($"Episode {item.GetValueOrDefault("episodeId")?.S} holds an unreadable {type}: {problem}");
    }
}
