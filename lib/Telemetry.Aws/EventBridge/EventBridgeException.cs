using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.EventBridge;

/// <summary>An error answer from EventBridge to a whole call; subclasses name the errors callers react to, this class stands for the rest.</summary>
public class EventBridgeException : AwsServiceException
{
    public EventBridgeException()
        : base("EventBridge request failed.")
    {
    }

    public EventBridgeException(string message)
        : base(message)
    {
    }

    public EventBridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventBridgeException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(errorCode, message, statusCode, requestId)
    {
    }
}
