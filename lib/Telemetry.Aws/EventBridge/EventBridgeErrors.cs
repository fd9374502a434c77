using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.EventBridge;

/// <summary>What EventBridge adds to the shared JSON 1.1 transport: its backoff and typed exceptions.</summary>
internal static class EventBridgeErrors
{
    // PutEvents throttles per account and region per second: a first retry after ~100 ms is useful; the cap is the SDKs' 20 s.
    public static AwsService<EventBridgeException> Service { get; } = new(
        "EventBridge",
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromSeconds(20),
        answer => Create(answer.Code, answer.Message, answer.StatusCode, answer.RequestId),
        error => error.IsRetryable,
        message => new EventBridgeException(message));

    public static EventBridgeException Create(string errorCode, string? message, HttpStatusCode statusCode, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(message) ? $"EventBridge answered {(int)statusCode} {errorCode}." : $"{errorCode}: {message}";
        return errorCode switch
        {
            "ResourceNotFoundException" => new EventBridgeResourceNotFoundException(errorCode, text, statusCode, requestId),
            "ValidationException" or "SerializationException" or "InvalidArgumentException"
                => new EventBridgeValidationException(errorCode, text, statusCode, requestId),
            "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignatureException"
                or "MissingAuthenticationTokenException" or "ExpiredTokenException" or "NotAuthorizedForSourceException"
                => new EventBridgeAccessDeniedException(errorCode, text, statusCode, requestId),
            "ThrottlingException" or "ThrottledException" or "RequestLimitExceeded" or "TooManyRequestsException"
                => new EventBridgeThrottlingException(errorCode, text, statusCode, requestId),
            _ => new EventBridgeException(errorCode, text, statusCode, requestId),
        };
    }

    /// <summary>
    /// Per-entry codes worth sending the entry again for. Everything else (MalformedDetail, InvalidArgument,
    /// NotAuthorizedForSourceException, …) would fail the same way again.
    /// </summary>
    public static bool IsRetryableEntryCode(string? errorCode) => errorCode is
        "ThrottlingException" or "InternalFailure" or "InternalException" or "ServiceUnavailable" or "ServiceUnavailableException";
}
