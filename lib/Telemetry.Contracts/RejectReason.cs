namespace Telemetry.Contracts;

/// <summary>Why a record was not accepted as a <see cref="Reading"/>; stable names for the rejected sink and metrics.</summary>
public enum RejectReason
{
    /// <summary>Not rejected: the record decoded to a valid reading.</summary>
    None = 0,

    /// <summary>The record is larger than <see cref="ReadingSchema.MaxRecordBytes"/>; it was not parsed.</summary>
    Oversized,

    /// <summary>The record is not well-formed JSON, or holds more than one JSON value.</summary>
    MalformedJson,

    /// <summary>The record is well-formed JSON but its root is not an object.</summary>
    NotAnObject,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type, for example <c>seq</c> as a string or <c>metrics</c> as an array.</summary>
    MistypedField,

    /// <summary>A field, or a metric name, appears twice; which value was meant is ambiguous.</summary>
    DuplicateField,

    /// <summary>The schema version is not one this build reads.</summary>
    UnsupportedSchemaVersion,

    /// <summary>The device id is empty, too long, or has characters outside <c>[A-Za-z0-9._:-]</c>.</summary>
    InvalidDeviceId,

    /// <summary>The device type is empty or too long.</summary>
    InvalidDeviceType,

    /// <summary>The site is empty or too long.</summary>
    InvalidSite,

    /// <summary>The timestamp is not a UTC ISO-8601 date and time.</summary>
    InvalidTimestamp,

    /// <summary>The timestamp is more than <see cref="ReadingSchema.MaxFutureSkew"/> ahead of the receiver's clock.</summary>
    FutureTimestamp,

    /// <summary>The sequence number is below 1.</summary>
    InvalidSequence,

    /// <summary>The boot (schema version 2) is below 0.</summary>
    InvalidBoot,

    /// <summary>The metrics object has no entries.</summary>
    EmptyMetrics,

    /// <summary>The metrics object has more than <see cref="ReadingSchema.MaxMetrics"/> entries.</summary>
    TooManyMetrics,

    /// <summary>A metric name is empty, too long, or has characters outside <c>[A-Za-z0-9._-]</c>.</summary>
    InvalidMetricName,

    /// <summary>A metric value is NaN or infinite (written as a string, or a number overflowing a double).</summary>
    NonFiniteNumber,

    /// <summary>A metric value is finite but outside the range statistics can store; see <see cref="ReadingSchema.MaxMetricMagnitude"/>.</summary>
    MetricOutOfRange,
}
