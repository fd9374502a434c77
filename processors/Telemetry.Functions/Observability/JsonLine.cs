using System.Text;
using System.Text.Json;

namespace Telemetry.Functions.Observability;

/// <summary>One JSON object as one line of text: what the metric and log lines are made of.</summary>
internal static class JsonLine
{
    /// <summary>The object <paramref name="write"/> writes, as a string: unindented, and with control characters escaped, so a message holding a newline still makes one line.</summary>
    public static string Of(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
