namespace Telemetry.Local.EventSourceMapping;

/// <summary>Why a batch was given up on; the names are the <c>condition</c> values of Lambda's invocation record.</summary>
internal enum SkipCondition
{
    RetryAttemptsExhausted,
    RecordAgeExceeded,
}
