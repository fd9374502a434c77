using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.CloudWatch;

/// <summary>What CloudWatch adds to the shared JSON transport: its backoff and typed exceptions.</summary>
internal static class CloudWatchErrors
{
    // GetMetricData is limited per account and region per second (50 TPS): the same ~100 ms first retry and 20 s cap.
    public static AwsService<CloudWatchException> Service { get; } = new(
        "CloudWatch",
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromSeconds(20),
        answer => Create(answer.Code, answer.Message, answer.StatusCode, answer.RequestId),
        error => error.IsRetryable,
        message => new CloudWatchException(message));

    public static CloudWatchException Create(string errorCode, string? message, HttpStatusCode statusCode, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(message) ? $"CloudWatch answered {(int)statusCode} {errorCode}." : $"{errorCode}: {message}";
        return errorCode switch
        {
            "AccessDenied" or "AccessDeniedException" or "UnrecognizedClientException" or "InvalidClientTokenId" or "InvalidSignatureException"
                or "SignatureDoesNotMatch" or "IncompleteSignature" or "MissingAuthenticationToken" or "ExpiredToken" or "ExpiredTokenException"
                => new CloudWatchAccessDeniedException(errorCode, text, statusCode, requestId),
            "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException" or "LimitExceeded"
                => new CloudWatchThrottlingException(errorCode, text, statusCode, requestId),
            _ => new CloudWatchException(errorCode, text, statusCode, requestId),
        };
    }
}
