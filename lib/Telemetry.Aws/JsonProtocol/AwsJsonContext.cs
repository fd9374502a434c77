using System.Text.Json.Serialization;

namespace Telemetry.Aws.JsonProtocol;

internal sealed record AwsErrorResponse([property: JsonPropertyName("__type")] string? Type, string? Message);

// Case-insensitive because error bodies say "message" or "Message" depending on the server.
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AwsErrorResponse))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
