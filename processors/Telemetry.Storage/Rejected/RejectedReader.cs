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
    public async Task<IReadOnlyList<RejectedRow>> QueryRejectedAsync(DateOnly day, CancellationToken cancellationToken)
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

        var rows = new List<RejectedRow>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            rows.AddRange((response.Items ?? []).Select(Row));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return rows;
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
        RejectedAt = item.GetValueOrDefault(A.RejectedAt)?.S is { } at ? ReadingCodec.ParseTimestamp(at) : null,
    };
}
