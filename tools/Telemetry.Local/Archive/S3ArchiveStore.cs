using Amazon.S3;
using Amazon.S3.Model;

namespace Telemetry.Local.Archive;

/// <summary>The archive bucket through the real AWS SDK S3 client, as Firehose writes to S3.</summary>
public sealed class S3ArchiveStore(IAmazonS3 s3, string bucketName) : IArchiveStore
{
    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(content, writable: false);
        await s3.PutObjectAsync(
            new PutObjectRequest { BucketName = bucketName, Key = key, InputStream = body, ContentType = contentType, AutoCloseStream = false, UseChunkEncoding = false },
            cancellationToken);
    }
}
