using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Telemetry.Storage.Rollups;

namespace Telemetry.Functions.Tests.Support;

// Value-comparable renderings: records holding dictionaries compare by reference.
public static class RollupDescriptions
{
    public static string Describe(IEnumerable<RollupRow> rows) => string.Join(
        '\n',
        rows.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{r.DeviceId} {r.Resolution} {r.WindowStart:O} n={r.ReadingCount} {string.Join(' ', r.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={m.Value}"))}")));

    public static string Describe(Dictionary<string, AttributeValue> item) => string.Join(
        ' ',
        item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Describe(p.Value)}"));

    private static string Describe(AttributeValue value) =>
        value.S ?? value.N ?? (value.M is not null ? "{" + Describe(value.M) + "}" : value.BOOL?.ToString() ?? "?");
}
