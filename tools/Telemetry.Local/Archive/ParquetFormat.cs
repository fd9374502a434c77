using Telemetry.Local.Archive.Conversion;

namespace Telemetry.Local.Archive;

/// <summary>
/// Parquet, as Firehose's record format conversion writes it against the readings' Glue table (OpenX JSON SerDe in,
/// Parquet SerDe out, SNAPPY): a row per JSON document (a record may concatenate several), a missing field a null
/// column. A record that is not JSON, or whose values do not fit the table, is refused whole with Firehose's error
/// code and goes to the error output prefix.
/// </summary>
public sealed class ParquetFormat : IArchiveFormat
{
    public const string FormatName = "parquet";

    public string Name => FormatName;

    public string Extension => ".parquet";

    public ArchiveEncoding Encode(IReadOnlyList<ReadOnlyMemory<byte>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = new List<ReadingRow>(records.Count);
        var failures = new List<ArchiveEncodingFailure>();
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                rows.AddRange(OpenXReadingDeserializer.Deserialize(records[i]));
            }
            catch (FormatConversionException refused)
            {
                failures.Add(new ArchiveEncodingFailure(i, refused.ErrorCode, refused.Message));
            }
        }

        return new ArchiveEncoding(rows.Count > 0 ? ReadingParquetWriter.Write(rows) : [], records.Count - failures.Count, failures);
    }

    /// <summary>Each row as a compact JSON reading under the contract's field names; null columns are left out.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Read(Stream content) =>
        ReadingParquetReader.Read(content).Select(row => (ReadOnlyMemory<byte>)row.ToJson());
}
