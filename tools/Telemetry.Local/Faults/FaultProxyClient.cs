using System.Net.Http.Json;

namespace Telemetry.Local.Faults;

/// <summary>Talks to a running fault proxy's control path: what it injects, and switching the profile.</summary>
public sealed class FaultProxyClient(Uri controlEndpoint) : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<FaultProxyStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<FaultProxyStatus>(controlEndpoint, FaultProxyJson.Options, cancellationToken)
        ?? throw new InvalidOperationException($"The fault proxy at {controlEndpoint} answered with no status.");

    /// <summary>
    /// Switches to <paramref name="profile"/>; after <paramref name="lease"/> the proxy falls back to no faults by
    /// itself, so a caller that dies cannot leave faults on.
    /// </summary>
    public async Task<FaultProxyStatus> SetAsync(string profile, int? seed, TimeSpan? lease, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync(
            controlEndpoint, new FaultProxyCommand(profile, seed, lease?.TotalSeconds), FaultProxyJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The fault proxy refused profile '{profile}': {ErrorOf(body)}");
        }

        return await response.Content.ReadFromJsonAsync<FaultProxyStatus>(FaultProxyJson.Options, cancellationToken)
            ?? throw new InvalidOperationException($"The fault proxy at {controlEndpoint} answered with no status.");
    }

    public void Dispose() => http.Dispose();

    // The proxy answers {"error": "…"}; anything else is shown as it came.
    private static string ErrorOf(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
