using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.JsonProtocol;

/// <summary>
/// Sends one AWS JSON 1.1 (or 1.0) call (POST to the endpoint, target header, JSON body) and maps error answers to the
/// service's typed exceptions; retries are <see cref="AwsRetryingSender{TError}"/>'s. Shared by every JSON client of
/// the project; what differs per service is <see cref="AwsService{TError}"/>, the target prefix and the version.
/// </summary>
/// <param name="targetPrefix">Prepended to the operation in X-Amz-Target ("Kinesis_20131202.").</param>
/// <param name="contentType"><see cref="ContentType"/> (JSON 1.1), or <see cref="ContentType10"/> for services on JSON 1.0.</param>
internal sealed class AwsJsonTransport<TError>(AwsConnection connection, AwsService<TError> service, string targetPrefix, string contentType = AwsJsonTransport<TError>.ContentType)
    where TError : Exception
{
    public const string ContentType = "application/x-amz-json-1.1";

    /// <summary>JSON 1.0 differs from 1.1 on the wire only in this header (and in how some services name errors).</summary>
    public const string ContentType10 = "application/x-amz-json-1.0";
    public const string TargetHeader = "X-Amz-Target";

    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    private readonly AwsRetryingSender<TError> _sender = new(connection, service);

    // responseType is null when the operation answers with an empty body.
    public Task<TResponse?> SendAsync<TResponse>(
        string operation,
        ReadOnlyMemory<byte> body,
        JsonTypeInfo<TResponse>? responseType,
        CancellationToken cancellationToken)
        where TResponse : class =>
        _sender.SendAsync(
            () => CreateRequest(operation, body),
            (response, token) => responseType is null ? Task.FromResult<TResponse?>(null) : ReadAsync(response, responseType, operation, token),
            ReadErrorAsync,
            cancellationToken);

    private HttpRequestMessage CreateRequest(string operation, ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, connection.Endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation(TargetHeader, targetPrefix + operation);
        return request;
    }

    private async Task<TResponse?> ReadAsync<TResponse>(
        HttpResponseMessage response,
        JsonTypeInfo<TResponse> responseType,
        string operation,
        CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
            ?? throw service.ProtocolError($"{service.Name} answered {operation} with an empty body.");
    }

    private async Task<TError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        AwsErrorResponse? body = null;
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > 0)
        {
            try
            {
                body = JsonSerializer.Deserialize(bytes, AwsJsonContext.Default.AwsErrorResponse);
            }
            catch (JsonException)
            {
                // A proxy or load balancer can answer with HTML; the status code still classifies the error.
            }
        }

        var code = AwsErrorCode.From(ResponseHeaders.First(response, ErrorTypeHeader), body?.Type, response.StatusCode);
        return service.CreateError(new AwsErrorAnswer(code, body?.Message, response.StatusCode, ResponseHeaders.First(response, ResponseHeaders.RequestId)));
    }
}
