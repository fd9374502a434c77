using System.Text.Json;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Tests.Fakes;

/// <summary>Decodes what reached the fake stream, to check the readings themselves.</summary>
internal static class SentReadings
{
    public static IReadOnlyList<(string DeviceId, long Sequence, DateTimeOffset Timestamp)> Decode(IEnumerable<PutRecordsEntry> entries) =>
        entries.Select(e =>
        {
            using var json = JsonDocument.Parse(e.Data);
            var root = json.RootElement;
            return (root.GetProperty("deviceId").GetString()!, root.GetProperty("seq").GetInt64(), root.GetProperty("timestamp").GetDateTimeOffset());
        }).ToList();
}
