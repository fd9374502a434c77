using System.Globalization;
using System.Text.Json;

namespace Telemetry.Contracts;

/// <summary>
/// Decodes and validates one wire record into a <see cref="Reading"/>. Never throws for bad input: a rejected
/// record yields a <see cref="RejectReason"/> and a message, so one poison record cannot block a shard.
/// </summary>
/// <remarks>
/// A hand-written <see cref="Utf8JsonReader"/> pass rather than a serializer: it needs no reflection, allocates
/// only the reading itself, and knows exactly which field was wrong. When several things are wrong, the reason
/// reported is, in order: malformed JSON, unsupported schema version, the first bad field in document order,
/// a missing field (a bad <c>boot</c> comes after the other bad fields, as it counts only from version 2 on).
/// Unknown fields are ignored so that additive schema changes stay readable.
/// </remarks>
public static class ReadingDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Decodes <paramref name="data"/>; <paramref name="now"/> is the receiver's clock, for the future-skew check.</summary>
    public static ReadingDecodeResult Decode(ReadOnlySpan<byte> data, DateTimeOffset now)
    {
        if (data.Length > ReadingSchema.MaxRecordBytes)
        {
            return ReadingDecodeResult.Reject(
                RejectReason.Oversized,
                $"record is {data.Length} bytes; the limit is {ReadingSchema.MaxRecordBytes}");
        }

        try
        {
            var reader = new Utf8JsonReader(data, ReaderOptions);
            return Parse(ref reader, now);
        }
        catch (JsonException ex)
        {
            return ReadingDecodeResult.Reject(RejectReason.MalformedJson, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader defers UTF-8 and surrogate validation of strings to GetString.
            return ReadingDecodeResult.Reject(RejectReason.MalformedJson, ex.Message);
        }
    }

    private static ReadingDecodeResult Parse(ref Utf8JsonReader reader, DateTimeOffset now)
    {
        if (!reader.Read())
        {
            return ReadingDecodeResult.Reject(RejectReason.MalformedJson, "record is empty");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = reader.TokenType;
            reader.Skip();
            EnsureEnd(ref reader);
            return ReadingDecodeResult.Reject(RejectReason.NotAnObject, $"root is {kind}, expected an object");
        }

        var fields = new ReadingFields(now);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            fields.ReadProperty(ref reader);
        }

        EnsureEnd(ref reader);
        return fields.Complete();
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // The reader itself throws on a second top-level value; trailing whitespace (the newline) reads as the end.
        if (reader.Read())
        {
            throw new JsonException("more than one JSON value in the record");
        }
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };

    internal static bool IsNonFiniteText(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsFinite(value);
}
