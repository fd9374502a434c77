using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Alerts;

/// <summary>
/// The alert states' keys in the telemetry table (docs/alerter.md): <c>pk = A#&lt;deviceId&gt;</c>,
/// <c>sk = R#&lt;ruleId&gt;</c>, so that one query loads every rule's state of a device.
/// </summary>
public static class AlertStateTable
{
    internal const string DevicePrefix = "A#";
    internal const string RulePrefix = "R#";

    public static string DevicePartition(string deviceId) => DevicePrefix + deviceId;

    public static string RuleSortKey(string ruleId) => RulePrefix + ruleId;

    internal static Dictionary<string, AttributeValue> Key(string deviceId, string ruleId) => new(StringComparer.Ordinal)
    {
        [TelemetryTable.PartitionKey] = new AttributeValue { S = DevicePartition(deviceId) },
        [TelemetryTable.SortKey] = new AttributeValue { S = RuleSortKey(ruleId) },
    };
}
