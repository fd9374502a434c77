using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Telemetry.Local.Faults;

/// <summary>Copies a request to the upstream and an upstream answer back, leaving out only the hop-by-hop headers.</summary>
internal static class HttpForwarding
{
    // RFC 9110 §7.6.1 connection-specific headers, plus Host (set on its own) and Expect (Kestrel already answered it).
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Expect", "Content-Length",
    };

    /// <param name="body">The body to send instead of the client's, already read; null streams the client's body.</param>
    public static HttpRequestMessage CreateRequest(HttpContext context, Uri target, byte[]? body)
    {
        var incoming = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var pathAndQuery = string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/' ? incoming.Path + incoming.QueryString : rawTarget;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(target, pathAndQuery))
        {
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body is not null ? new ByteArrayContent(body) : Content(incoming),
        };

        foreach (var (name, values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // Kept as the client sent it: it is part of what SigV4 signed.
        request.Headers.Host = incoming.Host.Value;
        return request;
    }

    /// <param name="rewritten">Whether the proxy changed the body, so the upstream's length and checksum no longer hold.</param>
    public static void CopyResponseHead(HttpContext context, HttpResponseMessage response, bool rewritten)
    {
        var outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        if (context.Features.Get<IHttpResponseFeature>() is { } feature && response.ReasonPhrase is { } reason)
        {
            feature.ReasonPhrase = reason;
        }

        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (NotForwarded.Contains(header.Key) && !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // DynamoDB's checksum of the body: the SDK verifies it.
            if (rewritten && (header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("x-amz-crc32", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            outgoing.Headers[header.Key] = header.Value.ToArray();
        }
    }

    private static HttpContent? Content(HttpRequest incoming)
    {
        if (incoming.ContentLength is { } length)
        {
            return length == 0 ? new ByteArrayContent([]) : new StreamContent(incoming.Body) { Headers = { ContentLength = length } };
        }

        return incoming.Headers.TransferEncoding.Count > 0 ? new StreamContent(incoming.Body) : null;
    }
}
