using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Sns;

/// <summary>An error answer from SNS; subclasses name the errors callers react to, this class stands for the rest.</summary>
public class SnsException : AwsServiceException
{
    public SnsException()
        : base("SNS request failed.")
    {
    }

    public SnsException(string message)
        : base(message)
    {
    }

    public SnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SnsException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(errorCode, message, statusCode, requestId)
    {
    }
}
