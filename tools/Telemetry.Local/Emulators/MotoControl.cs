using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Telemetry.Local.Emulators;

/// <summary>
/// The EventBridge set-up calls the local stack makes on moto. The feed serves no SDK for EventBridge and the project's
/// EventBridge client only publishes, so these go as plain HTTP: moto routes by the credential scope of the
/// Authorization header and does not check the signature.
/// </summary>
internal sealed class MotoControl(Uri endpoint) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An EventBridge call (JSON 1.1). Null when it failed with <paramref name="tolerated"/>, such as an existing bus.</summary>
    public async Task<JsonDocument?> EventsAsync(string operation, object body, CancellationToken cancellationToken, string? tolerated = null)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = Request("events", content);
        request.Headers.Add("X-Amz-Target", $"AWSEvents.{operation}");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            if (tolerated is not null && text.Contains(tolerated, StringComparison.Ordinal))
            {
                return null;
            }

            throw new InvalidOperationException($"moto EventBridge {operation} failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Request(string service, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=local/20260101/{LocalAws.Region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
        return request;
    }
}
