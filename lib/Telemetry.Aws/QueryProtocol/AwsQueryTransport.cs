using System.Net.Http.Headers;
using System.Text;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.QueryProtocol;

/// <summary>
/// Sends one AWS Query call (a form POST of Action, Version and the action's fields) and reads its XML answer;
/// error answers (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>) become the service's typed exceptions.
/// Retries are <see cref="AwsRetryingSender{TError}"/>'s, as for the JSON clients.
/// </summary>
/// <param name="version">The API version every call names ("2010-03-31" for SNS).</param>
internal sealed class AwsQueryTransport<TError>(AwsConnection connection, AwsService<TError> service, string version)
    where TError : Exception
{
    public const string ContentType = "application/x-www-form-urlencoded";

    private readonly AwsRetryingSender<TError> _sender = new(connection, service);

    /// <returns>The answer's <c>{Action}Response</c> element.</returns>
    public Task<AwsQueryElement<TError>> SendAsync(string action, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var body = AwsQueryForm.Encode([new("Action", action), new("Version", version), .. fields]);
        return _sender.SendAsync(() => CreateRequest(body), (response, token) => ReadAsync(response, action, token), ReadErrorAsync, cancellationToken);
    }

    private HttpRequestMessage CreateRequest(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType) { CharSet = Encoding.UTF8.WebName };
        return new HttpRequestMessage(HttpMethod.Post, connection.Endpoint) { Content = content };
    }

    private async Task<AwsQueryElement<TError>> ReadAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        var root = AwsQueryXml.TryParse(await response.Content.ReadAsByteArrayAsync(cancellationToken))?.Root
            ?? throw service.ProtocolError($"{service.Name} answered {action} with {(int)response.StatusCode} and no XML.");
        return root.Name.LocalName == action + "Response"
            ? new AwsQueryElement<TError>(service, action, root)
            : throw service.ProtocolError($"{service.Name} answered {action} with <{root.Name.LocalName}>, not <{action}Response>.");
    }

    private async Task<TError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Without an XML body (a proxy's page) the status code still classifies the error.
        var document = AwsQueryXml.TryParse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var error = AwsQueryXml.Find(document, "Error");
        var code = NonBlank(AwsQueryXml.Find(error, "Code")?.Value) ?? AwsErrorAnswer.CodeFromStatus(response.StatusCode);
        var requestId = NonBlank(AwsQueryXml.Find(document, "RequestId", "RequestID")?.Value) ?? ResponseHeaders.First(response, ResponseHeaders.RequestId);
        return service.CreateError(new AwsErrorAnswer(code, NonBlank(AwsQueryXml.Find(error, "Message")?.Value), response.StatusCode, requestId));
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
