using System.Text.Json.Serialization;

namespace Telemetry.Aws.EventBridge;

// The JSON shapes of the AWSEvents PutEvents API, as sent and received.

internal sealed record PutEventsRequest(IReadOnlyList<PutEventsRequestEntryWire> Entries);

internal sealed record PutEventsRequestEntryWire(
    string Source,
    string DetailType,
    string Detail,
    string EventBusName,
    decimal? Time,
    IReadOnlyList<string>? Resources);

internal sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResultEntryWire>? Entries);

internal sealed record PutEventsResultEntryWire(string? EventId, string? ErrorCode, string? ErrorMessage);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
