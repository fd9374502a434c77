using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// Reads a Parquet file of the readings' table back as rows, whoever wrote it: columns are found by name in the
/// file's own schema (a column the file lacks reads as null), and the map by its key and value, whatever its
/// repeated group is called (<c>key_value</c> here, <c>map</c> in files Hive wrote).
/// </summary>
internal static class ReadingParquetReader
{
    // Parquet's footer is at the end, so the object is read whole first; Parquet.Net's reader is asynchronous only,
    // and on a MemoryStream it waits on nothing.
    public static IEnumerable<ReadingRow> Read(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = new MemoryStream();
        content.CopyTo(file);
        file.Position = 0;
        return ReadRows(file);
    }

    private static IEnumerable<ReadingRow> ReadRows(MemoryStream file)
    {
        using (file)
        {
            var reader = AsInvalidData(() => ParquetReader.CreateAsync(file, null, true, CancellationToken.None).GetAwaiter().GetResult());
            try
            {
                for (var i = 0; i < reader.RowGroupCount; i++)
                {
                    foreach (var row in AsInvalidData(() => ReadGroupAsync(reader, i).GetAwaiter().GetResult()))
                    {
                        yield return row;
                    }
                }
            }
            finally
            {
                reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    // Parquet.Net reports a damaged file with exceptions of its own (a Thrift protocol error for a corrupt footer);
    // readers of the archive expect an IOException or InvalidDataException for an object they cannot read.
    private static T AsInvalidData<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not (IOException or InvalidDataException or OutOfMemoryException))
        {
            throw new InvalidDataException($"not a readable Parquet file ({e.GetType().Name}: {e.Message})", e);
        }
    }

    private static async Task<ReadingRow[]> ReadGroupAsync(ParquetReader reader, int index)
    {
        using var group = reader.OpenRowGroupReader(index);
        var rows = checked((int)group.RowCount);
        var schemaVersion = await ColumnAsync<int>(group, Find<DataField>(reader.Schema, ReadingColumns.SchemaVersion), rows);
        var deviceId = await ColumnAsync<ReadOnlyMemory<char>>(group, Find<DataField>(reader.Schema, ReadingColumns.DeviceId), rows);
        var deviceType = await ColumnAsync<ReadOnlyMemory<char>>(group, Find<DataField>(reader.Schema, ReadingColumns.DeviceType), rows);
        var site = await ColumnAsync<ReadOnlyMemory<char>>(group, Find<DataField>(reader.Schema, ReadingColumns.Site), rows);
        var timestamp = await ColumnAsync<ReadOnlyMemory<char>>(group, Find<DataField>(reader.Schema, ReadingColumns.Timestamp), rows);
        var seq = await ColumnAsync<long>(group, Find<DataField>(reader.Schema, ReadingColumns.Seq), rows);
        var boot = await ColumnAsync<long>(group, Find<DataField>(reader.Schema, ReadingColumns.Boot), rows);
        var metrics = await MapAsync(group, Find<MapField>(reader.Schema, ReadingColumns.Metrics), rows);
        return [.. Enumerable.Range(0, rows).Select(i => new ReadingRow(
            schemaVersion[i], Text(deviceId[i]), Text(deviceType[i]), Text(site[i]), Text(timestamp[i]), seq[i], boot[i], metrics[i]))];
    }

    private static T? Find<T>(ParquetSchema schema, ReadingColumn column)
        where T : Field
    {
        var field = schema.Fields.FirstOrDefault(f => string.Equals(f.Name, column.Name, StringComparison.OrdinalIgnoreCase));
        return field switch
        {
            null => null,
            T typed => typed,
            _ => throw new InvalidDataException($"column {field.Name} is a {field.SchemaType} field, not the table's {typeof(T).Name}."),
        };
    }

    private static async Task<T?[]> ColumnAsync<T>(ParquetRowGroupReader group, DataField? field, int rows)
        where T : struct
    {
        if (field is null)
        {
            return new T?[rows];
        }

        using var raw = await group.ReadRawColumnDataBaseAsync(field, CancellationToken.None);
        return raw is RawColumnData<T> typed
            ? Levels.Flat(typed, field.MaxDefinitionLevel, rows)
            : throw new InvalidDataException($"column {field.Name} holds {field.ClrType.Name}, not the table's {typeof(T).Name}.");
    }

    private static async Task<List<KeyValuePair<string, double?>>?[]> MapAsync(ParquetRowGroupReader group, MapField? map, int rows)
    {
        if (map is null)
        {
            return new List<KeyValuePair<string, double?>>?[rows];
        }

        if (map.Key is not DataField key || map.Value is not DataField value)
        {
            throw new InvalidDataException($"map column {map.Name} does not have plain keys and values.");
        }

        using var keys = await group.ReadRawColumnDataBaseAsync(key, CancellationToken.None);
        using var values = await group.ReadRawColumnDataBaseAsync(value, CancellationToken.None);
        return keys is RawColumnData<ReadOnlyMemory<char>> typedKeys && values is RawColumnData<double> typedValues
            ? Levels.Map(typedKeys, key.MaxDefinitionLevel, typedValues, value.MaxDefinitionLevel, rows)
            : throw new InvalidDataException($"map column {map.Name} is not map<string,double>.");
    }

    private static string? Text(ReadOnlyMemory<char>? text) => text?.ToString();

    /// <summary>Rows from Dremel levels, where values hold only the defined entries.</summary>
    private static class Levels
    {
        public static T?[] Flat<T>(RawColumnData<T> raw, int defined, int rows)
            where T : struct
        {
            var result = new T?[rows];
            var values = raw.Values;
            if (defined == 0)
            {
                for (var i = 0; i < rows; i++)
                {
                    result[i] = values[i];
                }

                return result;
            }

            var definitions = raw.DefinitionLevels;
            for (int i = 0, v = 0; i < rows; i++)
            {
                result[i] = definitions[i] == defined ? values[v++] : null;
            }

            return result;
        }

        public static List<KeyValuePair<string, double?>>?[] Map(
            RawColumnData<ReadOnlyMemory<char>> keys, int keyDefined, RawColumnData<double> values, int valueDefined, int rows)
        {
            var result = new List<KeyValuePair<string, double?>>?[rows];
            var keyDefinitions = keys.DefinitionLevels;
            var valueDefinitions = values.DefinitionLevels;
            var repetitions = keys.RepetitionLevels;
            var row = -1;
            for (int i = 0, k = 0, v = 0; i < keyDefinitions.Length; i++)
            {
                if (repetitions[i] == 0)
                {
                    row++;
                    result[row] = keyDefinitions[i] >= keyDefined - 1 ? [] : null;
                }

                if (keyDefinitions[i] < keyDefined)
                {
                    continue;
                }

                double? value = valueDefinitions[i] == valueDefined ? values.Values[v++] : null;
                result[row]!.Add(KeyValuePair.Create(keys.Values[k++].ToString(), value));
            }

            return row == rows - 1 ? result : throw new InvalidDataException($"the map column has {row + 1} rows, the row group {rows}.");
        }
    }
}
