using Telemetry.Contracts.Archive;

namespace Telemetry.Local.Archive;

/// <summary>One object of the archive as listed: its Firehose name, size and when the store received it.</summary>
/// <param name="Key">The object's key in the bucket.</param>
/// <param name="Name">The key read as a Firehose object name: delivery stream, version, oldest arrival.</param>
/// <param name="Size">Bytes stored (compressed).</param>
/// <param name="StoredAt">When the object was stored (S3's LastModified): no record in it arrived later.</param>
/// <param name="Format">The format its extension names; null for an extension the pipeline never writes.</param>
public sealed record ArchivedObject(string Key, ArchiveObjectName Name, long Size, DateTimeOffset StoredAt, IArchiveFormat? Format)
{
    /// <summary>
    /// Whether records that arrived between <paramref name="from"/> and <paramref name="to"/> (either open) may be in
    /// it: its records arrived between its oldest arrival and the moment it was stored.
    /// </summary>
    /// <remarks>
    /// Both ends are whole seconds (the name's time and S3's LastModified are truncated), so an object stored at
    /// 10:00:00.8 lists as 10:00:00 and must still meet a range from 10:00:00.5: a second of doubt counts as a yes.
    /// </remarks>
    public bool MayHoldArrivals(DateTimeOffset? from, DateTimeOffset? to) =>
        (from is null || StoredAt + TimeSpan.FromSeconds(1) > from) && (to is null || Name.OldestArrival <= to);
}
