namespace Telemetry.Aws.JsonProtocol;

/// <summary>What one service adds to the shared AWS JSON 1.1 transport: its target prefix, its backoff and its exceptions.</summary>
/// <param name="Name">The service as named in messages ("Kinesis").</param>
/// <param name="TargetPrefix">Prepended to the operation in X-Amz-Target ("Kinesis_20131202.").</param>
/// <param name="CreateError">The typed exception of an error answer.</param>
/// <param name="IsRetryable">Whether the same request sent again later can succeed.</param>
/// <param name="ProtocolError">The exception of an answer the client cannot use (a success without a body).</param>
internal sealed record AwsJsonService<TError>(
    string Name,
    string TargetPrefix,
    TimeSpan BaseDelay,
    TimeSpan MaxDelay,
    Func<AwsErrorAnswer, TError> CreateError,
    Func<TError, bool> IsRetryable,
    Func<string, TError> ProtocolError)
    where TError : Exception;

/// <summary>An error answer: the service's code without namespace, its message, status and request id.</summary>
internal sealed record AwsErrorAnswer(string Code, string? Message, System.Net.HttpStatusCode StatusCode, string? RequestId);
