using System.IO.Compression;

namespace Telemetry.Local.Archive;

/// <summary>
/// GZIP NDJSON, as Firehose writes with <c>AppendDelimiterToRecord</c>: each record as it arrived, then one newline.
/// Nothing is refused; a record that is not JSON is archived as it is (the archive is raw).
/// </summary>
public sealed class NdjsonGzipFormat : IArchiveFormat
{
    public const string FormatName = "ndjson";

    public string Name => FormatName;

    public string Extension => ".ndjson.gz";

    public ArchiveEncoding Encode(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var record in records)
            {
                gzip.Write(record.Span);
                gzip.WriteByte((byte)'\n');
            }
        }

        return new ArchiveEncoding(output.ToArray(), records.Count, []);
    }

    public IEnumerable<ReadOnlyMemory<byte>> Read(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ReadLines(content);
    }

    // Empty lines are skipped: a producer that ended its records with a newline of its own leaves one behind each.
    private static IEnumerable<ReadOnlyMemory<byte>> ReadLines(Stream content)
    {
        using var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(gzip, 64 * 1024);
        var line = new MemoryStream();
        int b;
        while ((b = buffered.ReadByte()) >= 0)
        {
            if (b != '\n')
            {
                line.WriteByte((byte)b);
                continue;
            }

            if (line.Length > 0)
            {
                yield return line.ToArray();
                line.SetLength(0);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToArray();
        }
    }
}
