using System.Net;

namespace Telemetry.Aws.EventBridge;

/// <summary>
/// An error answer from EventBridge to a whole call. Subclasses name the errors callers react to; this class itself
/// stands for the rest. <see cref="ErrorCode"/> is always the service's own code, without its namespace.
/// </summary>
public class EventBridgeException : Exception
{
    public EventBridgeException()
        : this("Unknown", "EventBridge request failed.", 0, null)
    {
    }

    public EventBridgeException(string message)
        : this("Unknown", message, 0, null)
    {
    }

    public EventBridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    public EventBridgeException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public string ErrorCode { get; }

    public HttpStatusCode StatusCode { get; }

    public string? RequestId { get; }

    /// <summary>Whether sending the same request again later can succeed: throttling and server-side failures.</summary>
    public virtual bool IsRetryable => (int)StatusCode >= 500;
}
