namespace Telemetry.Aws.Wire;

/// <summary>
/// Sends one call through the signing pipeline and retries throttling, 5xx and transport failures with full-jitter
/// backoff, up to the connection's MaxRetries. Shared by the JSON and the Query transports: what differs between
/// protocols is how a request is written and how an answer or an error is read.
/// </summary>
internal sealed class AwsRetryingSender<TError>(AwsConnection connection, AwsService<TError> service)
    where TError : Exception
{
    /// <param name="createRequest">Called once per attempt: a sent request cannot be sent again.</param>
    public async Task<TResult> SendAsync<TResult>(
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<TResult>> readAnswer,
        Func<HttpResponseMessage, CancellationToken, Task<TError>> readError,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = createRequest();
                using var response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await readAnswer(response, cancellationToken);
                }

                var error = await readError(response, cancellationToken);
                if (!service.IsRetryable(error) || attempt >= connection.MaxRetries)
                {
                    throw error;
                }
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken) && attempt < connection.MaxRetries)
            {
            }

            await Task.Delay(Backoff.Delay(attempt, service.BaseDelay, service.MaxDelay, connection.Jitter), connection.TimeProvider, cancellationToken);
        }
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException => true,
        // HttpClient reports its own timeout as a cancellation the caller did not ask for.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
