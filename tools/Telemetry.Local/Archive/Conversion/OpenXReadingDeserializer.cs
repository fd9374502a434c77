using System.Globalization;
using System.Text.Json;

namespace Telemetry.Local.Archive.Conversion;

/// <summary>
/// Reads one record into a row of the readings' table as Firehose's OpenX JSON SerDe does with its defaults: keys
/// matched case-insensitively (lower-cased, map keys too), a missing or null field a null column, unknown fields
/// ignored, and values coerced to the column's type where the SerDe coerces them (a number into a string column,
/// a numeric string into a number column). Anything else refuses the whole record with Firehose's error code.
/// </summary>
internal static class OpenXReadingDeserializer
{
    /// <summary>
    /// The rows of one record: one per JSON document in it, as Firehose takes concatenated documents
    /// (<c>{"a":1}{"a":2}</c>) in one record. A record converts whole or not at all.
    /// </summary>
    /// <exception cref="FormatConversionException">The record cannot be converted; its code says why.</exception>
    public static IReadOnlyList<ReadingRow> Deserialize(ReadOnlyMemory<byte> record)
    {
        var documents = Parse(record.Span);
        try
        {
            return [.. documents.Select(document => Row(document.RootElement))];
        }
        catch (InvalidOperationException error)
        {
            // Utf8JsonReader checks a string's UTF-8 and surrogates only when it is read (a lone \ud800 parses).
            throw new FormatConversionException(FormatConversionException.ParseError, "Encountered malformed JSON. " + error.Message);
        }
        finally
        {
            documents.ForEach(document => document.Dispose());
        }
    }

    private static List<JsonDocument> Parse(ReadOnlySpan<byte> record)
    {
        var documents = new List<JsonDocument>();
        var reader = new Utf8JsonReader(record, new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            while (reader.Read())
            {
                documents.Add(JsonDocument.ParseValue(ref reader));
            }
        }
        catch (JsonException error)
        {
            documents.ForEach(document => document.Dispose());
            throw new FormatConversionException(FormatConversionException.ParseError, "Encountered malformed JSON. " + error.Message);
        }

        return documents.Count > 0
            ? documents
            : throw new FormatConversionException(FormatConversionException.ParseError, "Encountered malformed JSON. The record holds no JSON document.");
    }

    private static ReadingRow Row(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw FormatConversionException.Malformed($"A JSON object is required, not {Describe(json.ValueKind)}.");
        }

        var fields = LowerCased(json, "the record");
        return new ReadingRow(
            (int?)Integer(fields, ReadingColumns.SchemaVersion, int.MinValue, int.MaxValue, "int"),
            Text(fields, ReadingColumns.DeviceId),
            Text(fields, ReadingColumns.DeviceType),
            Text(fields, ReadingColumns.Site),
            Text(fields, ReadingColumns.Timestamp),
            Integer(fields, ReadingColumns.Seq, long.MinValue, long.MaxValue, "bigint"),
            Integer(fields, ReadingColumns.Boot, long.MinValue, long.MaxValue, "bigint"),
            Map(fields, ReadingColumns.Metrics));
    }

    // Lower-cased keys that collide would make one value silently win over the other; the record is refused
    // instead, so it stays whole in the error output.
    private static Dictionary<string, JsonElement> LowerCased(JsonElement json, string where)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var key = property.Name.ToLowerInvariant();
            if (!fields.TryAdd(key, property.Value))
            {
                throw FormatConversionException.Malformed($"Duplicate key \"{key}\" in {where}.");
            }
        }

        return fields;
    }

    private static JsonElement? Value(Dictionary<string, JsonElement> fields, ReadingColumn column) =>
        fields.TryGetValue(column.Name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(Dictionary<string, JsonElement> fields, ReadingColumn column) =>
        Value(fields, column) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { } value => value.GetRawText(),
        };

    private static long? Integer(Dictionary<string, JsonElement> fields, ReadingColumn column, long min, long max, string type)
    {
        if (Value(fields, column) is not { } value)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => throw FormatConversionException.Malformed($"Column {column.Name} of type {type} cannot hold a JSON {Describe(value.ValueKind)}."),
        };
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw FormatConversionException.Malformed($"For input string: \"{text}\" in column {column.Name} of type {type}.");
        }

        return number >= min && number <= max
            ? number
            : throw FormatConversionException.Malformed($"Value {number} is out of range for column {column.Name} of type {type}.");
    }

    private static List<KeyValuePair<string, double?>>? Map(Dictionary<string, JsonElement> fields, ReadingColumn column)
    {
        if (Value(fields, column) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw FormatConversionException.Malformed($"Column {column.Name} of type map<string,double> cannot hold a JSON {Describe(value.ValueKind)}.");
        }

        return [.. LowerCased(value, column.Name).Select(entry => KeyValuePair.Create(entry.Key, Double(column, entry.Key, entry.Value)))];
    }

    private static double? Double(ReadingColumn column, string key, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => throw FormatConversionException.Malformed($"The value of {column.Name}[\"{key}\"] of type double cannot be a JSON {Describe(value.ValueKind)}."),
        };
        if (text is null)
        {
            return null;
        }

        // Parquet could hold NaN or infinity, but a literal past the double range did not mean infinity.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw FormatConversionException.Malformed($"For input string: \"{text}\" in {column.Name}[\"{key}\"] of type double.");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
