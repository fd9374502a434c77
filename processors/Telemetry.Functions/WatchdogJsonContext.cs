using System.Text.Json.Serialization;
using Telemetry.Processing.Alerts;

namespace Telemetry.Functions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WatchdogOutcome))]
internal sealed partial class WatchdogJsonContext : JsonSerializerContext;
