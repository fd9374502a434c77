using Amazon.S3;
using Telemetry.Local.Archive;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Archive;

/// <summary>The archive of a target: its bucket, and the prefix config/pipeline.json gives the delivery stream.</summary>
internal sealed class ArchiveSource : IDisposable
{
    private readonly IAmazonS3 _s3;

    private ArchiveSource(IAmazonS3 s3, ArchiveReader reader, ArchiveSettings settings, string description)
    {
        _s3 = s3;
        Reader = reader;
        Settings = settings;
        Description = description;
    }

    public ArchiveReader Reader { get; }

    /// <summary>The archive section of config/pipeline.json it was opened with (prefix, buffering).</summary>
    public ArchiveSettings Settings { get; }

    /// <summary>Where the archive was read, for messages: target, bucket and prefix.</summary>
    public string Description { get; }

    /// <exception cref="InvalidOperationException">config/pipeline.json has no archive, or one Firehose would refuse.</exception>
    public static ArchiveSource Open(PipelineTarget target) =>
        OpenIfConfigured(target)
        ?? throw new InvalidOperationException("config/pipeline.json has no 'archive' section: this pipeline keeps no archive.");

    /// <summary>The target's archive; null when config/pipeline.json has no archive section.</summary>
    /// <exception cref="InvalidOperationException">An archive section Firehose would refuse.</exception>
    public static ArchiveSource? OpenIfConfigured(PipelineTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        // The deployment and the local delivery stream both take the prefix from this file, so it is the archive's layout.
        if (PipelineConfig.Archive() is not { } settings)
        {
            return null;
        }

        var s3 = target.S3();
        return new ArchiveSource(
            s3,
            new ArchiveReader(s3, target.BucketName, settings.Prefix),
            settings,
            $"{target.Name}, s3://{target.BucketName}/{settings.Prefix.ListingPrefix}");
    }

    /// <summary>Runs <paramref name="read"/>, turning a missing bucket into a message that says where the name came from.</summary>
    public async Task<T> GuardAsync<T>(Func<ArchiveReader, Task<T>> read)
    {
        try
        {
            return await read(Reader);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new ArgumentException(
                $"the archive bucket '{Reader.BucketName}' does not exist ({Description}). For a deployed stack, name it with --stack, or set TELEMETRY_BUCKET to its bucketName output.",
                e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            throw new ArgumentException(
                $"not allowed to read the archive bucket '{Reader.BucketName}' ({Description}): {e.Message}. Reading it needs s3:ListBucket and s3:GetObject (and kms:Decrypt on the pipeline key); 'verify --no-archive' skips it.",
                e);
        }
    }

    public void Dispose() => _s3.Dispose();
}
