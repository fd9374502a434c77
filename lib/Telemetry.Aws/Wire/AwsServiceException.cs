using System.Net;

namespace Telemetry.Aws.Wire;

/// <summary>
/// An error answer from an AWS service to a whole call. Each service's exception derives from it, and its
/// subclasses name the errors callers react to. <see cref="ErrorCode"/> is always the service's own code, without
/// its namespace.
/// </summary>
public abstract class AwsServiceException : Exception
{
    protected AwsServiceException(string message)
        : this("Unknown", message, 0, null)
    {
    }

    protected AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    protected AwsServiceException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
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
