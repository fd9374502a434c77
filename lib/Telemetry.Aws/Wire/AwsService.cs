using System.Net;

namespace Telemetry.Aws.Wire;

/// <summary>What one service adds to the shared transports, whatever its protocol: its backoff and its exceptions.</summary>
/// <param name="Name">The service as named in messages ("Kinesis").</param>
/// <param name="CreateError">The typed exception of an error answer.</param>
/// <param name="IsRetryable">Whether the same request sent again later can succeed.</param>
/// <param name="ProtocolError">The exception of an answer the client cannot use (a success without a body, a missing element).</param>
internal sealed record AwsService<TError>(
    string Name,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    Func<AwsErrorAnswer, TError> CreateError,
    Func<TError, bool> IsRetryable,
    Func<string, TError> ProtocolError)
    where TError : Exception;

/// <summary>An error answer: the service's code without namespace, its message, status and request id.</summary>
internal sealed record AwsErrorAnswer(string Code, string? Message, HttpStatusCode StatusCode, string? RequestId)
{
    /// <summary>The code of an answer that names none (a proxy's HTML page): only the status can classify it.</summary>
    public static string CodeFromStatus(HttpStatusCode statusCode) => (int)statusCode >= 500 ? "InternalFailure" : "Unknown";
}
