using System.Net;

namespace Telemetry.Aws.Kinesis;

/// <summary>Maps an error answer's code to the typed exception.</summary>
internal static class KinesisErrors
{
    /// <summary>
    /// The x-amzn-ErrorType header wins (it may carry <c>:</c> and a URL), then the body's <c>__type</c>
    /// (it may carry a <c>namespace#</c> prefix).
    /// </summary>
    public static string ErrorCode(string? headerType, string? bodyType, HttpStatusCode statusCode)
    {
        var raw = !string.IsNullOrWhiteSpace(headerType) ? headerType : bodyType;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (int)statusCode >= 500 ? "InternalFailure" : "Unknown";
        }

        var code = raw.AsSpan().Trim();
        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return code[(hash + 1)..].ToString();
    }

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
