using System.Text.Json.Serialization;

namespace Telemetry.Benchmarks;

// The serializer-based alternative to the hand-written decoder, measured against it.
public sealed class ReadingDto
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; set; }
    [JsonPropertyName("deviceId")] public string? DeviceId { get; set; }
    [JsonPropertyName("deviceType")] public string? DeviceType { get; set; }
    [JsonPropertyName("site")] public string? Site { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset Timestamp { get; set; }
    [JsonPropertyName("seq")] public long Seq { get; set; }
    [JsonPropertyName("metrics")] public Dictionary<string, double>? Metrics { get; set; }
}

[JsonSerializable(typeof(ReadingDto))]
internal sealed partial class ReadingDtoJson : JsonSerializerContext;
