using Telemetry.Contracts.Archive;

namespace Telemetry.Local.Archive;

/// <summary>
/// The delivery stream's settings from the <c>archive</c> section of config/pipeline.json, checked against the bounds
/// Firehose accepts, so a file the deployment would refuse does not run locally either.
/// </summary>
public sealed record ArchiveSettings
{
    /// <summary>The local delivery stream's name, as the deployment names it with the default prefix.</summary>
    public const string DefaultDeliveryStreamName = "telemetry-archive";

    public const int MinimumBufferingSizeMb = 1;
    public const int MaximumBufferingSizeMb = 128;

    /// <summary>Firehose's floor for the buffer when it converts records to Parquet.</summary>
    public const int MinimumConversionBufferingSizeMb = 64;

    public static readonly TimeSpan MaximumBufferingInterval = TimeSpan.FromSeconds(900);

    public string DeliveryStreamName { get; init; } = DefaultDeliveryStreamName;

    /// <summary>The delivery stream's version in object names; Firehose counts configuration updates, the local one has one.</summary>
    public int Version { get; init; } = 1;

    public int BufferingSizeMb { get; init; } = 5;

    public TimeSpan BufferingInterval { get; init; } = TimeSpan.FromSeconds(60);

    public required FirehosePrefix Prefix { get; init; }

    public required FirehosePrefix ErrorOutputPrefix { get; init; }

    public IArchiveFormat Format { get; init; } = new NdjsonGzipFormat();

    public long BufferingSizeBytes => BufferingSizeMb * 1024L * 1024L;

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting Firehose would refuse.</summary>
    public void Validate()
    {
        if (BufferingSizeMb is < MinimumBufferingSizeMb or > MaximumBufferingSizeMb)
        {
            throw new ArgumentException($"bufferingSizeMb must be {MinimumBufferingSizeMb} to {MaximumBufferingSizeMb} (got {BufferingSizeMb}).");
        }

        if (Format is not NdjsonGzipFormat && BufferingSizeMb < MinimumConversionBufferingSizeMb)
        {
            throw new ArgumentException(
                $"bufferingSizeMb must be at least {MinimumConversionBufferingSizeMb} with format '{Format.Name}': Firehose refuses a smaller buffer when it converts records (got {BufferingSizeMb}).");
        }

        if (BufferingInterval < TimeSpan.Zero || BufferingInterval > MaximumBufferingInterval)
        {
            throw new ArgumentException($"bufferingIntervalSeconds must be 0 to {MaximumBufferingInterval.TotalSeconds:0} (got {BufferingInterval.TotalSeconds:0}).");
        }

        if (Prefix.HasExpressions && !ErrorOutputPrefix.HasErrorOutputType)
        {
            throw new ArgumentException("errorOutputPrefix must contain !{firehose:error-output-type} when prefix has expressions, as Firehose requires.");
        }
    }
}
