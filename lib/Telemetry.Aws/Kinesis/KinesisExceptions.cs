using System.Net;

namespace Telemetry.Aws.Kinesis;

public sealed class KinesisResourceNotFoundException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId);

public sealed class KinesisResourceInUseException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId);

/// <summary>InvalidArgumentException and the protocol's ValidationException / SerializationException: never retried.</summary>
public sealed class KinesisInvalidArgumentException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => false;
}

/// <summary>The shard iterator is older than five minutes: get a new one from the last sequence number read.</summary>
public sealed class KinesisExpiredIteratorException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId);

/// <summary>AccessDeniedException and the authentication failures (bad or expired keys, bad signature).</summary>
public sealed class KinesisAccessDeniedException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId);

/// <summary>The throttle family: always retryable after a backoff.</summary>
public class KinesisThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisException(errorCode, message, statusCode, requestId)
{
    public override bool IsRetryable => true;
}

public sealed class KinesisProvisionedThroughputExceededException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisThrottlingException(errorCode, message, statusCode, requestId);

public sealed class KinesisLimitExceededException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisThrottlingException(errorCode, message, statusCode, requestId);

public sealed class KinesisKmsThrottlingException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : KinesisThrottlingException(errorCode, message, statusCode, requestId);
