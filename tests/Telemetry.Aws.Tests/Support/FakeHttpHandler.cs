using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Telemetry.Aws.Tests.Support;

/// <summary>Answers requests from a script, one response factory per call, and records what was sent.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeHttpHandler Respond(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        Respond(status, json, "application/x-amz-json-1.1", headers);

    /// <summary>An answer of the Query protocol's services (SNS): XML.</summary>
    public FakeHttpHandler RespondXml(HttpStatusCode status, string xml, params (string Name, string Value)[] headers) =>
        Respond(status, xml, "text/xml", headers);

    private FakeHttpHandler Respond(HttpStatusCode status, string body, string mediaType, (string Name, string Value)[] headers)
    {
        _script.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });
        return this;
    }

    public FakeHttpHandler Throw(Exception exception)
    {
        _script.Enqueue(() => throw exception);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        }

        return _script.TryDequeue(out var next)
            ? next()
            : throw new InvalidOperationException($"No scripted response for request {Requests.Count}.");
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Target => Headers["X-Amz-Target"];
}
