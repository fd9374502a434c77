using Amazon.S3;
using Amazon.S3.Model;
using Telemetry.Contracts.Archive;

namespace Telemetry.Local.Archive;

/// <summary>
/// Lists and reads the archive as any S3 client can, in AWS or locally: the objects under the delivery stream's
/// prefix, in arrival order, each read back with the format its extension names.
/// </summary>
public sealed class ArchiveReader(IAmazonS3 s3, string bucketName, FirehosePrefix prefix)
{
    public string BucketName => bucketName;

    /// <summary>
    /// The objects that may hold records that arrived between <paramref name="from"/> and <paramref name="to"/>,
    /// oldest arrival first. Keys that are not Firehose object names (anything else kept under the prefix) are left out.
    /// </summary>
    /// <param name="onPage">Told the number of keys listed so far, after each page, for progress on long listings.</param>
    public async Task<IReadOnlyList<ArchivedObject>> ListAsync(
        DateTimeOffset? from, DateTimeOffset? to, Action<int>? onPage, CancellationToken cancellationToken)
    {
        var found = new List<ArchivedObject>();
        var listed = 0;
        var request = new ListObjectsV2Request { BucketName = bucketName, Prefix = prefix.ListingPrefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                if (!ArchiveObjectName.TryParse(entry.Key, out var name))
                {
                    continue;
                }

                var stored = entry.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : name.OldestArrival;
                var candidate = new ArchivedObject(entry.Key, name, entry.Size ?? 0, stored, ArchiveFormats.ByExtension(name.Extension));
                if (candidate.MayHoldArrivals(from, to))
                {
                    found.Add(candidate);
                }
            }

            listed += page.S3Objects?.Count ?? 0;
            onPage?.Invoke(listed);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (request.ContinuationToken is not null);

        // One delivery stream stores its buffers one after another: oldest arrival, then storage time, is arrival order.
        return [.. found.OrderBy(o => o.Name.OldestArrival).ThenBy(o => o.StoredAt).ThenBy(o => o.Key, StringComparer.Ordinal)];
    }

    /// <summary>The object's records in the order they arrived, each a record's data without the newline.</summary>
    /// <exception cref="InvalidDataException">The object is not in the format its extension names (or has none the pipeline writes).</exception>
    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadAsync(ArchivedObject archived, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archived);
        var format = archived.Format
            ?? throw new InvalidDataException($"{archived.Key}: extension '{archived.Name.Extension}' is not one the archive writes ({string.Join(", ", ArchiveFormats.Names)}).");
        using var response = await s3.GetObjectAsync(bucketName, archived.Key, cancellationToken);
        // Buffered whole: an object is at most a buffer (128 MB), and Parquet reads its footer first.
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content, cancellationToken);
        content.Position = 0;
        try
        {
            return [.. format.Read(content)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            throw new InvalidDataException($"{archived.Key}: not a readable {format.Name} object ({e.Message}).", e);
        }
    }
}
