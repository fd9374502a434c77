namespace Telemetry.Contracts;

/// <summary>Limits and field names of the reading contract, named once.</summary>
public static class ReadingSchema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Kinesis caps a record at 1 MiB; readings are small, so anything near that is a bug or abuse.</summary>
    public const int MaxRecordBytes = 16 * 1024;

    /// <summary>Device ids are DynamoDB key parts and partition keys (256 chars max in Kinesis).</summary>
    public const int MaxDeviceIdLength = 128;

    /// <summary>Upper bound on distinct metrics in one reading.</summary>
    public const int MaxMetrics = 64;

    /// <summary>How far ahead of the receiver's clock a device timestamp may be before it is rejected.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);
}
