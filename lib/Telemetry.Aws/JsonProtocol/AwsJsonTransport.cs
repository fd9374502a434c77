using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Telemetry.Aws.JsonProtocol;

/// <summary>
/// Sends one AWS JSON 1.1 call (POST to the endpoint, target header, JSON body) through the signing pipeline, maps
/// error answers to the service's typed exceptions, and retries throttling, 5xx and transport failures with
/// full-jitter backoff. Shared by every wire client of the project; what differs per service is <see cref="AwsJsonService{TError}"/>.
/// </summary>
internal sealed class AwsJsonTransport<TError>(
    HttpClient http,
    Uri endpoint,
    AwsJsonService<TError> service,
    int maxRetries,
    TimeProvider timeProvider,
    Random jitter)
    where TError : Exception
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";

    private const string ErrorTypeHeader = "x-amzn-ErrorType";
    private const string RequestIdHeader = "x-amzn-RequestId";

    // responseType is null when the operation answers with an empty body.
    public async Task<TResponse?> SendAsync<TResponse>(
        string operation,
        ReadOnlyMemory<byte> body,
        JsonTypeInfo<TResponse>? responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = CreateRequest(operation, body);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return responseType is null ? null : await ReadAsync(response, responseType, operation, cancellationToken);
                }

                var error = await ReadErrorAsync(response, cancellationToken);
                if (!service.IsRetryable(error) || attempt >= maxRetries)
                {
                    throw error;
                }
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken) && attempt < maxRetries)
            {
            }

            await Task.Delay(Backoff.Delay(attempt, service.BaseDelay, service.MaxDelay, jitter), timeProvider, cancellationToken);
        }
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException => true,
        // HttpClient reports its own timeout as a cancellation the caller did not ask for.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private HttpRequestMessage CreateRequest(string operation, ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation(TargetHeader, service.TargetPrefix + operation);
        return request;
    }

    private async Task<TResponse> ReadAsync<TResponse>(
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

        var code = AwsErrorCode.From(Header(response, ErrorTypeHeader), body?.Type, response.StatusCode);
        return service.CreateError(new AwsErrorAnswer(code, body?.Message, response.StatusCode, Header(response, RequestIdHeader)));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
