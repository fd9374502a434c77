using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Dynamo;

// The (pk, sk) pair of an item, usable as a dictionary key (AttributeValue has reference equality).
internal readonly record struct ItemKey(string PartitionKey, string SortKey)
{
    public static ItemKey Of(Dictionary<string, AttributeValue> item, string partitionKeyName, string sortKeyName) =>
        new(item[partitionKeyName].S, item[sortKeyName].S);
}
