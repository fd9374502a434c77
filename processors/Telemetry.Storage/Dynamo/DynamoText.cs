using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Dynamo;

// String attributes the writer always sets; a missing one means the item is not ours, which is worth failing on.
internal static class DynamoText
{
    public static string Required(Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.S ?? throw new InvalidDataException($"Attribute '{name}' is missing or not a string.");
}
