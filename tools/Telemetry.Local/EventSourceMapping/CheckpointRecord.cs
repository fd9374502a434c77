using System.Text.Json.Serialization;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>The content of one checkpoint file.</summary>
internal sealed record CheckpointRecord(
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("shardId")] string ShardId,
    [property: JsonPropertyName("sequenceNumber")] string? SequenceNumber,
    [property: JsonPropertyName("finished")] bool Finished);

[JsonSerializable(typeof(CheckpointRecord))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
