using System.Net;

namespace Telemetry.Aws.EventBridge;

/// <summary>The bus does not exist (or is in another account or region).</summary>
public sealed class EventBridgeResourceNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : EventBridgeException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>ValidationException and the protocol's SerializationException: the request itself is wrong; never retried.</summary>
public sealed class EventBridgeValidationException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : EventBridgeException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>AccessDeniedException and the authentication failures (bad or expired keys, bad signature).</summary>
public sealed class EventBridgeAccessDeniedException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : EventBridgeException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>The throttle family: always retryable after a backoff.</summary>
public sealed class EventBridgeThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : EventBridgeException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => true;
}
