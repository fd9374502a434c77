namespace Telemetry.Contracts;

/// <summary>Limits and field names of the reading contract, named once.</summary>
public static class ReadingSchema
{
    /// <summary>The schema version this build writes; it also reads <see cref="FirstVersion"/> onwards.</summary>
    /// <remarks>Version 2 added <c>boot</c>, so that a device restarting its numbering is not taken for a duplicate.</remarks>
    public const int CurrentVersion = 2;

    /// <summary>The oldest schema version this build still reads.</summary>
    public const int FirstVersion = 1;

    /// <summary>The first schema version whose readings carry <c>boot</c>.</summary>
    public const int BootVersion = 2;

    /// <summary>Kinesis caps a record at 1 MiB; readings are small, so anything near that is a bug or abuse.</summary>
    public const int MaxRecordBytes = 16 * 1024;

    /// <summary>Device ids are DynamoDB key parts and partition keys (256 chars max in Kinesis).</summary>
    public const int MaxDeviceIdLength = 128;

    /// <summary>Upper bound on distinct metrics in one reading.</summary>
    public const int MaxMetrics = 64;

    /// <summary>Device types scope alert rules and are stored on every rollup.</summary>
    public const int MaxDeviceTypeLength = 64;

    /// <summary>Sites are stored on every rollup.</summary>
    public const int MaxSiteLength = 128;

    /// <summary>Metric names become parts of rollup attribute names and query keys.</summary>
    public const int MaxMetricNameLength = 64;

    /// <summary>
    /// Largest accepted metric magnitude: sums of squares over a window must stay finite and inside DynamoDB's
    /// number range (about 1E+126), with room for millions of readings.
    /// </summary>
    public const double MaxMetricMagnitude = 1e15;

    /// <summary>
    /// Smallest accepted non-zero metric magnitude: DynamoDB rejects numbers closer to zero than 1E-130, and a
    /// square of anything below 1E-65 would be one.
    /// </summary>
    public const double MinMetricMagnitude = 1e-30;

    /// <summary>How far ahead of the receiver's clock a device timestamp may be before it is rejected.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
}
