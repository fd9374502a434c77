using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Telemetry.Processing;

namespace Telemetry.Storage.Rollups;

/// <summary>
/// The rollups' keys in the telemetry table (docs/rollup-table.md): one item per device, resolution and window, with
/// <c>pk = D#&lt;deviceId&gt;#&lt;1m|1h&gt;</c> and <c>sk</c> = the window start as UTC ISO-8601, so that a
/// device's windows at one resolution are one partition sorted by time.
/// </summary>
public static class RollupTable
{
    internal const string DevicePrefix = "D#";
    private const string WindowStartFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The partition key of a device's windows at one resolution.</summary>
    public static string DevicePartition(string deviceId, Resolution resolution) =>
        $"{DevicePrefix}{deviceId}#{resolution.Code()}";

    /// <summary>The sort key of a window: its start, UTC, to the second.</summary>
    public static string WindowSortKey(DateTimeOffset windowStart) =>
        windowStart.UtcDateTime.ToString(WindowStartFormat, CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseWindowSortKey(string sortKey) =>
        DateTimeOffset.ParseExact(sortKey, WindowStartFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static Dictionary<string, AttributeValue> Key(WindowKey key) => new(StringComparer.Ordinal)
    {
        [TelemetryTable.PartitionKey] = new AttributeValue { S = DevicePartition(key.DeviceId, key.Resolution) },
        [TelemetryTable.SortKey] = new AttributeValue { S = WindowSortKey(key.Start) },
    };
}
