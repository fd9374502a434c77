using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Sns;

/// <summary>What SNS adds to the shared Query transport: its backoff and typed exceptions.</summary>
internal static class SnsErrors
{
    // The control-plane calls here throttle per account per second, like PutEvents: the same ~100 ms first retry and 20 s cap.
    public static AwsService<SnsException> Service { get; } = new(
        "SNS",
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromSeconds(20),
        answer => Create(answer.Code, answer.Message, answer.StatusCode, answer.RequestId),
        error => error.IsRetryable,
        message => new SnsException(message));

    public static SnsException Create(string errorCode, string? message, HttpStatusCode statusCode, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(message) ? $"SNS answered {(int)statusCode} {errorCode}." : $"{errorCode}: {message}";
        return errorCode switch
        {
            "NotFound" or "ResourceNotFound" => new SnsNotFoundException(errorCode, text, statusCode, requestId),
            "InvalidParameter" or "InvalidParameterValue" or "ValidationError" or "MissingParameter" or "MalformedQueryString"
                or "InvalidAction" => new SnsInvalidParameterException(errorCode, text, statusCode, requestId),
            "AuthorizationError" or "AccessDenied" or "AccessDeniedException" or "InvalidClientTokenId" or "SignatureDoesNotMatch"
                or "IncompleteSignature" or "MissingAuthenticationToken" or "ExpiredToken" or "InvalidSecurity"
                => new SnsAuthorizationException(errorCode, text, statusCode, requestId),
            "Throttling" or "ThrottledException" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException"
                or "KMSThrottling" => new SnsThrottlingException(errorCode, text, statusCode, requestId),
            _ => new SnsException(errorCode, text, statusCode, requestId),
        };
    }
}
