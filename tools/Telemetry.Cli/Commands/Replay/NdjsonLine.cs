using System.Text.Json;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// A record's JSON as one NDJSON line. The decoder accepts whitespace around a reading and inside it (a trailing
/// newline, CRLF, pretty-printed JSON), which would break the one-reading-per-line promise if written as put.
/// </summary>
internal static class NdjsonLine
{
    /// <summary>The record without surrounding whitespace; rewritten compactly, every field kept, when a line break is inside.</summary>
    public static ReadOnlyMemory<byte> Of(ReadOnlyMemory<byte> json)
    {
        var trimmed = Trim(json);
        if (trimmed.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            return trimmed;
        }

        using var document = JsonDocument.Parse(trimmed);
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            document.WriteTo(writer);
        }

        return output.ToArray();
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> json)
    {
        var span = json.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && IsWhitespace(span[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(span[end - 1]))
        {
            end--;
        }

        return json[start..end];
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
