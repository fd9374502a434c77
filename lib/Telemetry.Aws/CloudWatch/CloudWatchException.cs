using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.CloudWatch;

/// <summary>An error answer from CloudWatch; subclasses name the errors callers react to, this class stands for the rest.</summary>
public class CloudWatchException : AwsServiceException
{
    public CloudWatchException()
        : base("CloudWatch request failed.")
    {
    }

    public CloudWatchException(string message)
        : base(message)
    {
    }

    public CloudWatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CloudWatchException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(errorCode, message, statusCode, requestId)
    {
    }
}

/// <summary>AccessDenied and the authentication failures (bad or expired keys, bad signature): never retried.</summary>
public sealed class CloudWatchAccessDeniedException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : CloudWatchException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>The throttle family: always retryable after a backoff, although a 4xx.</summary>
public sealed class CloudWatchThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : CloudWatchException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => true;
}
