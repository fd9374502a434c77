using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Local.Faults;

/// <summary>The answer of GET on the control path.</summary>
public sealed record FaultProxyStatus(
    string Profile,
    string? Description,
    int Seed,
    DateTimeOffset? LeaseExpiresAt,
    IReadOnlyList<string> Profiles,
    IReadOnlyDictionary<string, UpstreamStatus> Upstreams);

/// <summary>One upstream: where the proxy listens, where it forwards, and what it injected so far.</summary>
public sealed record UpstreamStatus(int Port, Uri Target, UpstreamCountersSnapshot Counters);

/// <summary>The body of PUT or POST on the control path; a missing seed keeps the current one.</summary>
public sealed record FaultProxyCommand(string? Profile, int? Seed, double? LeaseSeconds);

/// <summary>The project's one JSON casing for machine-readable output: camelCase.</summary>
public static class FaultProxyJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}
