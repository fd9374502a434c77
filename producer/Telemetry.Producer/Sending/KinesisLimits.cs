using Telemetry.Aws.Kinesis;

namespace Telemetry.Producer.Sending;

/// <summary>PutRecords service limits; sizes count the data blob plus the partition key's UTF-8 bytes.</summary>
public sealed record KinesisLimits
{
    /// <summary>The limits of the Kinesis service (documented for PutRecords).</summary>
    public static KinesisLimits Service { get; } = new();

    public int MaxRecordsPerCall { get; init; } = KinesisClient.MaxRecordsPerPut;

    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    public int MaxCallBytes { get; init; } = 5 * 1024 * 1024;
}
