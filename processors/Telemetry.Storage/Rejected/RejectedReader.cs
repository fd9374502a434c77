using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rejected.RejectedAttributes;

namespace Telemetry.Storage.Rejected;

/// <summary>Reads the records the aggregator set aside, day by day.</summary>
public sealed class RejectedReader
{
    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;

    public RejectedReader(IAmazonDynamoDB dynamo, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /// <summary>The records rejected on <paramref name="day"/> (processing time, UTC), in shard and sequence order.</summary>
    public async Task<IReadOnlyList<RejectedRow>> QueryRejectedAsync(DateOnly day, CancellationToken cancellationToken) =>
        [.. (await QueryDayAsync(day, projection: null, cancellationToken)).Select(Row)];

    /// <summary>
    /// When each record rejected on <paramref name="day"/> was stored, and nothing else: what counts per hour need,
    /// without reading the payloads back.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RejectedTimesAsync(DateOnly day, CancellationToken cancellationToken) =>
        [.. (await QueryDayAsync(day, A.RejectedAt, cancellationToken))
            .Select(i => i.GetValueOrDefault(A.RejectedAt)?.S).OfType<string>().Select(ReadingCodec.ParseTimestamp)];

    // Every item of the day's partition, page by page; only the attribute `projection` names, when it names one.
    private async Task<List<Dictionary<string, AttributeValue>>> QueryDayAsync(DateOnly day, string? projection, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "#pk = :pk",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = TelemetryTable.PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":pk"] = new() { S = RejectedKeys.Partition(day) },
            },
        };
        if (projection is not null)
        {
            request.ProjectionExpression = "#p";
            request.ExpressionAttributeNames["#p"] = projection;
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return items;
    }

    private static RejectedRow Row(Dictionary<string, AttributeValue> item) => new(
        DynamoText.Required(item, A.ShardId),
        DynamoText.Required(item, A.SequenceNumber),
        DynamoText.Required(item, A.PartitionKey),
        DynamoText.Required(item, A.Reason),
        item.GetValueOrDefault(A.Message)?.S ?? string.Empty,
        item.GetValueOrDefault(A.Data)?.S ?? string.Empty,
        item.GetValueOrDefault(A.DataTruncated)?.BOOL == true)
    {
        SubSequence = item.TryGetValue(A.SubSequence, out var sub) ? (int)DynamoNumber.Long(sub, A.SubSequence) : null,
    };
}
