using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;

namespace Telemetry.Functions.Rollups;

/// <summary>
/// The rollup table's key design (docs/rollup-table.md): one item per device, resolution and window, with
/// <c>pk = D#&lt;deviceId&gt;#&lt;1m|1h&gt;</c> and <c>sk</c> = the window start as UTC ISO-8601, so that a
/// device's windows at one resolution are one partition sorted by time.
/// </summary>
public static class RollupTable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>The table's TTL attribute: epoch seconds, on 1-minute rollups and rejected records (docs/rollup-table.md).</summary>
    public const string ExpiresAt = "expiresAt";

    internal const string DevicePrefix = "D#";
    internal const string RejectedPrefix = "REJECTED#";
    private const string WindowStartFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

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

    /// <summary>The partition key of a device's windows at one resolution.</summary>
    public static string DevicePartition(string deviceId, Resolution resolution) =>
        $"{DevicePrefix}{deviceId}#{resolution.Code()}";

    /// <summary>The sort key of a window: its start, UTC, to the second.</summary>
    public static string WindowSortKey(DateTimeOffset windowStart) =>
        windowStart.UtcDateTime.ToString(WindowStartFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseWindowSortKey(string sortKey) =>
        DateTimeOffset.ParseExact(sortKey, WindowStartFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The partition holding the records rejected on one (processing) day.</summary>
    public static string RejectedPartition(DateOnly day) =>
        RejectedPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static Dictionary<string, AttributeValue> Key(WindowKey key) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = DevicePartition(key.DeviceId, key.Resolution) },
        [SortKey] = new AttributeValue { S = WindowSortKey(key.Start) },
    };
}
