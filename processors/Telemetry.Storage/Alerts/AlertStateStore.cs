using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing.Alerts;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// The alerter's (device, rule) pairs in the telemetry table. Every write is a whole-item PutItem conditioned on
/// the version read (or on the item not existing), so of two writers that read the same version exactly one wins;
/// reads are strongly consistent, so a writer that lost reads the winner's state when it tries again.
/// </summary>
public sealed class AlertStateStore(IAmazonDynamoDB dynamo, string tableName) : IAlertStateStore
{
    public async Task<IReadOnlyDictionary<string, StoredAlertState>> LoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, StoredAlertState>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(
                new QueryRequest
                {
                    TableName = tableName,
                    ConsistentRead = true,
                    KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :rule)",
                    ExpressionAttributeNames = new() { ["#pk"] = TelemetryTable.PartitionKey, ["#sk"] = TelemetryTable.SortKey },
                    ExpressionAttributeValues = new()
                    {
                        [":pk"] = new AttributeValue { S = AlertStateTable.DevicePartition(deviceId) },
                        [":rule"] = new AttributeValue { S = AlertStateTable.RulePrefix },
                    },
                    ExclusiveStartKey = start,
                },
                cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                var (ruleId, state) = AlertStateItem.Read(item);
                result[ruleId] = state;
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return result;
    }

    public async Task<bool> SaveAsync(string deviceId, string ruleId, StoredAlertState next, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        // Version 0 is a pair never written: only the first writer may create it.
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = AlertStateItem.Write(deviceId, ruleId, next),
            ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(#pk)" : "#ver = :expected",
            ExpressionAttributeNames = expectedVersion == 0
                ? new() { ["#pk"] = TelemetryTable.PartitionKey }
                : new() { ["#ver"] = AlertStateItem.VersionAttribute },
        };
        if (expectedVersion != 0)
        {
            request.ExpressionAttributeValues = new() { [":expected"] = Dynamo.DynamoNumber.Of(expectedVersion) };
        }

        try
        {
            await dynamo.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
