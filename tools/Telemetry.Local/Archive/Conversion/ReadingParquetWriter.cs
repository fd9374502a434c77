using Parquet;

namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// Writes rows as one Parquet file of one row group, SNAPPY-compressed as Firehose's ParquetSerDe is by default:
/// a buffer of at most 128 MB stays below the SerDe's 256 MB block size, so Firehose writes one row group as well.
/// </summary>
internal static class ReadingParquetWriter
{
    // Parquet.Net has only asynchronous writers; on a MemoryStream they wait on nothing.
    public static byte[] Write(IReadOnlyList<ReadingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var output = new MemoryStream();
        WriteAsync(rows, output).GetAwaiter().GetResult();
        return output.ToArray();
    }

    private static async Task WriteAsync(IReadOnlyList<ReadingRow> rows, MemoryStream output)
    {
        var table = new ReadingTable();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(table.Schema, output, options, false, CancellationToken.None);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(table.SchemaVersion, Column(rows, r => r.SchemaVersion));
        await group.WriteAsync<ReadOnlyMemory<char>>(table.DeviceId, Text(rows, r => r.DeviceId));
        await group.WriteAsync<ReadOnlyMemory<char>>(table.DeviceType, Text(rows, r => r.DeviceType));
        await group.WriteAsync<ReadOnlyMemory<char>>(table.Site, Text(rows, r => r.Site));
        await group.WriteAsync<ReadOnlyMemory<char>>(table.Timestamp, Text(rows, r => r.Timestamp));
        await group.WriteAsync<long>(table.Seq, Column(rows, r => r.Seq));
        await group.WriteAsync<long>(table.Boot, Column(rows, r => r.Boot));
        var metrics = MapLevels.Of(rows, table.MetricKey.MaxDefinitionLevel, table.MetricValue.MaxDefinitionLevel);
        await group.WriteAllPartsAsync<ReadOnlyMemory<char>>(table.MetricKey, metrics.Keys, metrics.KeyDefinitions, metrics.Repetitions, CancellationToken.None);
        await group.WriteAllPartsAsync<double>(table.MetricValue, metrics.Values, metrics.ValueDefinitions, metrics.Repetitions, CancellationToken.None);
        group.CompleteValidate();
    }

    private static T?[] Column<T>(IReadOnlyList<ReadingRow> rows, Func<ReadingRow, T?> select)
        where T : struct => [.. rows.Select(select)];

    private static ReadOnlyMemory<char>?[] Text(IReadOnlyList<ReadingRow> rows, Func<ReadingRow, string?> select) =>
        [.. rows.Select(r => select(r) is { } text ? text.AsMemory() : (ReadOnlyMemory<char>?)null)];

    /// <summary>
    /// The map column in Dremel levels: one entry per metric, or one for a row with no metrics (definition 0 for a
    /// null map, one below the key's maximum for an empty one). Values hold only the entries that are defined.
    /// </summary>
    private sealed record MapLevels(
        ReadOnlyMemory<char>[] Keys, int[] KeyDefinitions, double[] Values, int[] ValueDefinitions, int[] Repetitions)
    {
        public static MapLevels Of(IReadOnlyList<ReadingRow> rows, int keyDefined, int valueDefined)
        {
            var keys = new List<ReadOnlyMemory<char>>();
            var keyDefinitions = new List<int>();
            var values = new List<double>();
            var valueDefinitions = new List<int>();
            var repetitions = new List<int>();
            foreach (var row in rows)
            {
                if (row.Metrics is not { Count: > 0 } metrics)
                {
                    var level = row.Metrics is null ? 0 : keyDefined - 1;
                    keyDefinitions.Add(level);
                    valueDefinitions.Add(level);
                    repetitions.Add(0);
                    continue;
                }

                for (var i = 0; i < metrics.Count; i++)
                {
                    var (name, value) = metrics[i];
                    keys.Add(name.AsMemory());
                    keyDefinitions.Add(keyDefined);
                    repetitions.Add(i == 0 ? 0 : 1);
                    if (value is { } number)
                    {
                        values.Add(number);
                        valueDefinitions.Add(valueDefined);
                    }
                    else
                    {
                        valueDefinitions.Add(keyDefined);
                    }
                }
            }

            return new MapLevels([.. keys], [.. keyDefinitions], [.. values], [.. valueDefinitions], [.. repetitions]);
        }
    }
}
