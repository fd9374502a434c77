using System.Text.Json.Serialization;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>The content of one checkpoint file.</summary>
internal sealed record CheckpointRecord(
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("shardId")] string ShardId,
    [property: JsonPropertyName("sequenceNumber")] string? SequenceNumber,
    [property: JsonPropertyName("finished")] bool Finished)
{
    /// <summary>The open tumbling window, if any: written with the checkpoint in one file, so the two never disagree.</summary>
    [JsonPropertyName("window")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OpenWindow? Window { get; init; }
}

/// <summary>
/// A tumbling window being gathered: where it starts, the function's state after its last invocation, and the last
/// record folded into that state. <see cref="CheckpointRecord.SequenceNumber"/> stays at the last record whose
/// window was closed, so that anything waiting for the checkpoint waits until the effect is stored.
/// </summary>
public sealed record OpenWindow(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("readTo")] string? ReadTo);

[JsonSerializable(typeof(CheckpointRecord))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
