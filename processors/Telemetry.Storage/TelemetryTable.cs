using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage;

/// <summary>
/// What every item of the one telemetry table shares (docs/rollup-table.md): string keys <c>pk</c> and
/// <c>sk</c>, on-demand capacity, and the TTL attribute. Rollups and rejects each lay out their own keys on it.
/// </summary>
public static class TelemetryTable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>The table's TTL attribute: epoch seconds, on 1-minute rollups and rejected records (docs/rollup-table.md).</summary>
    public const string ExpiresAt = "expiresAt";

    /// <summary>The table as provisioned locally and on AWS: string keys, on-demand capacity.</summary>
    public static CreateTableRequest CreateTableRequest(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new CreateTableRequest
        {
            TableName = tableName,
            AttributeDefinitions =
            [
                new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
                new AttributeDefinition(SortKey, ScalarAttributeType.S),
            ],
            KeySchema =
            [
                new KeySchemaElement(PartitionKey, KeyType.HASH),
                new KeySchemaElement(SortKey, KeyType.RANGE),
            ],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        };
    }
}
