namespace Telemetry.Local.Archive;

/// <summary>
/// How records become one archive object and how an object is read back, for the delivery stream's
/// <c>archive.format</c>: the local delivery stream writes with it, <c>telemetry archive</c> reads with it.
/// </summary>
public interface IArchiveFormat
{
    /// <summary>The value of <c>archive.format</c> in config/pipeline.json.</summary>
    string Name { get; }

    /// <summary>The object name's extension, as the deployment configures Firehose's <c>FileExtension</c>.</summary>
    string Extension { get; }

    /// <summary>
    /// Encodes <paramref name="records"/> (each a Kinesis record's data, in arrival order) as one object. Records the
    /// format cannot hold are returned by index with the reason, for the error prefix, as Firehose does.
    /// </summary>
    ArchiveEncoding Encode(IReadOnlyList<ReadOnlyMemory<byte>> records);

    /// <summary>Reads an object back as its records, each one JSON reading as UTF-8 without the newline.</summary>
    IEnumerable<ReadOnlyMemory<byte>> Read(Stream content);
}

/// <summary>An encoded object and the records that could not go into it.</summary>
public sealed record ArchiveEncoding(byte[] Content, int RecordCount, IReadOnlyList<ArchiveEncodingFailure> Failures)
{
    /// <summary>
    /// Throws unless each of <paramref name="records"/> is either in the object or refused exactly once: a record in
    /// neither would be checkpointed past and lost.
    /// </summary>
    /// <exception cref="InvalidOperationException">The encoding does not account for every record.</exception>
    public void CheckAccountsFor(int records)
    {
        var refused = Failures.Select(f => f.Index).Distinct().Count(i => i >= 0 && i < records);
        if (refused != Failures.Count || RecordCount + refused != records)
        {
            throw new InvalidOperationException(
                $"the archive format encoded {RecordCount} and refused {Failures.Count} (of them {refused} distinct and in range) of {records} records.");
        }
    }
}

/// <summary>A record the format refused: its index in the input and why.</summary>
public sealed record ArchiveEncodingFailure(int Index, string ErrorCode, string Message);
