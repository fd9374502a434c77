using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Telemetry.Aws.Kinesis;
using Telemetry.Cli.Commands.Archive;
using Telemetry.Local.Archive;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// The part of a replay the stream no longer holds, read from the archive: what arrived before the oldest record the
/// stream keeps (trimmed by retention, or put before the stream was created), so that archive and stream make one
/// replay with no gap and no record twice (docs/replay.md).
/// </summary>
internal sealed class ArchiveLead(ArchiveSource source, StreamReplayReader stream, TextWriter log, TimeProvider time)
{
    /// <summary>The shard id archived records carry in a replay: the archive keeps no shard.</summary>
    public const string ShardId = "archive";

    // Listed times are whole seconds: a second of doubt counts against "stored before".
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>Objects read.</summary>
    public int Objects { get; private set; }

    /// <summary>Objects that could not be read: their records are missing from the replay (exit 1).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Records of objects stored after the stream's oldest record that the stream holds too, left to it.</summary>
    public long LeftToStream { get; private set; }

    /// <summary>
    /// The archived records that arrived in [<paramref name="from"/>, <paramref name="to"/>) before
    /// <paramref name="boundary"/> (where the stream's part begins), oldest object first, each object's records in
    /// their order, each with the object's storage time as its arrival. Objects are read whole: one that holds
    /// <paramref name="from"/> may add records that arrived a little before it.
    /// </summary>
    /// <param name="naming">How long after a record's arrival an object holding it may be named (the buffering interval).</param>
    public async IAsyncEnumerable<ReplayedRecord> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset boundary, TimeSpan naming, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var end = (boundary < to ? boundary : to) + naming;
        var progress = new ProgressLine(log, time);
        var objects = await source.GuardAsync(r => r.ListAsync(from, end, listed => progress.Report(() => $"replay: archive: {listed:N0} keys listed"), cancellationToken));
        // Stored before the boundary, so all of it arrived before: the stream's part holds none of it.
        var before = objects.Where(o => o.StoredAt + OneSecond < boundary).ToList();
        foreach (var archived in before)
        {
            foreach (var record in await ReadObjectAsync(archived, cancellationToken))
            {
                yield return record;
            }

            progress.Report(() => string.Create(CultureInfo.InvariantCulture, $"replay: archive: {Objects:N0} of {objects.Count:N0} objects read"));
        }

        var overlap = objects.Except(before).ToList();
        if (overlap.Count == 0)
        {
            yield break;
        }

        // Stored after it: some of these records arrived after the boundary and are in the stream's part too. Those
        // are left to the stream, which knows their arrival (every copy: the archive may hold a record twice); the
        // others arrived before the boundary and come from here. Every record of these objects arrived by the time
        // the last was stored, so the stream is read that far to tell them apart.
        var held = new List<(ReplayedRecord Record, string Digest)>();
        foreach (var archived in overlap)
        {
            held.AddRange((await ReadObjectAsync(archived, cancellationToken)).Select(r => (r, Digest(r.Record.Data))));
        }

        var heldDigests = held.Select(h => h.Digest).ToHashSet(StringComparer.Ordinal);
        var inStream = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var replayed in stream.ReadAsync(boundary, overlap.Max(o => o.StoredAt) + OneSecond, _ => { }, cancellationToken))
        {
            var digest = Digest(replayed.Record.Data);
            if (heldDigests.Contains(digest))
            {
                inStream.Add(digest);
            }
        }

        foreach (var (record, digest) in held)
        {
            if (inStream.Contains(digest))
            {
                LeftToStream++;
                continue;
            }

            yield return record;
        }
    }

    // An object's records as replayed records: the object's storage time as their arrival (none arrived later), and a
    // sequence number made of the key's digest and the position, the same on every run.
    private async Task<IReadOnlyList<ReplayedRecord>> ReadObjectAsync(ArchivedObject archived, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> records;
        try
        {
            records = await source.Reader.ReadAsync(archived, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            Unreadable++;
            await log.WriteLineAsync($"replay: archive: {e.Message} Its records are missing from this replay.");
            return [];
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Listed, then gone (a lifecycle rule, a hand): its records are missing, and the replay says so.
            Unreadable++;
            await log.WriteLineAsync($"replay: archive: {archived.Key}: gone since it was listed ({e.Message}). Its records are missing from this replay.");
            return [];
        }

        Objects++;
        var prefix = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(archived.Key)));
        return [.. records.Select((data, i) => new ReplayedRecord(
            ShardId,
            new KinesisRecord(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:D7}"), archived.StoredAt, data, "")))];
    }

    private static string Digest(ReadOnlyMemory<byte> data) => Convert.ToHexString(SHA256.HashData(data.Span));
}
