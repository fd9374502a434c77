using System.Net;

namespace Telemetry.Aws.Sns;

/// <summary>NotFound: the topic (or subscription, endpoint) does not exist, or is in another account or region.</summary>
public sealed class SnsNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>InvalidParameter and the protocol's validation errors: the request itself is wrong; never retried.</summary>
public sealed class SnsInvalidParameterException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>AuthorizationError and the authentication failures (bad or expired keys, bad signature).</summary>
public sealed class SnsAuthorizationException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>The throttle family (SNS says "Throttling"): always retryable after a backoff, although a 4xx.</summary>
public sealed class SnsThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => true;
}
