using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Kinesis;

/// <summary>What Kinesis adds to the shared JSON 1.1 transport: its backoff and typed exceptions.</summary>
internal static class KinesisErrors
{
    // Kinesis throttles per shard per second, so a first retry after ~100 ms is useful; the cap is the SDKs' 20 s.
    public static AwsService<KinesisException> Service { get; } = new(
        "Kinesis",
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromSeconds(20),
        answer => Create(answer.Code, answer.Message, answer.StatusCode, answer.RequestId),
        error => error.IsRetryable,
        message => new KinesisException(message));

    public static KinesisException Create(string errorCode, string? message, HttpStatusCode statusCode, string? requestId)
    {
        var text = string.IsNullOrWhiteSpace(message) ? $"Kinesis answered {(int)statusCode} {errorCode}." : $"{errorCode}: {message}";
        return errorCode switch
        {
            "ResourceNotFoundException" => new KinesisResourceNotFoundException(errorCode, text, statusCode, requestId),
            "ResourceInUseException" => new KinesisResourceInUseException(errorCode, text, statusCode, requestId),
            "InvalidArgumentException" or "ValidationException" or "SerializationException"
                => new KinesisInvalidArgumentException(errorCode, text, statusCode, requestId),
            "ExpiredIteratorException" => new KinesisExpiredIteratorException(errorCode, text, statusCode, requestId),
            "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignatureException"
                or "MissingAuthenticationTokenException" or "ExpiredTokenException"
                => new KinesisAccessDeniedException(errorCode, text, statusCode, requestId),
            "ProvisionedThroughputExceededException" => new KinesisProvisionedThroughputExceededException(errorCode, text, statusCode, requestId),
            "LimitExceededException" => new KinesisLimitExceededException(errorCode, text, statusCode, requestId),
            "KMSThrottlingException" => new KinesisKmsThrottlingException(errorCode, text, statusCode, requestId),
            "ThrottlingException" or "ThrottledException" or "RequestLimitExceeded" or "TooManyRequestsException"
                => new KinesisThrottlingException(errorCode, text, statusCode, requestId),
            _ => new KinesisException(errorCode, text, statusCode, requestId),
        };
    }
}
