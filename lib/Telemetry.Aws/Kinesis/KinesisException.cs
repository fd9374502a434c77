using System.Net;
using Telemetry.Aws.Wire;

namespace Telemetry.Aws.Kinesis;

/// <summary>An error answer from Kinesis; subclasses name the errors callers react to, this class stands for the rest.</summary>
public class KinesisException : AwsServiceException
{
    public KinesisException()
        : base("Kinesis request failed.")
    {
    }

    public KinesisException(string message)
        : base(message)
    {
    }

    public KinesisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KinesisException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base(errorCode, message, statusCode, requestId)
    {
    }
}
