using System.Buffers;
using System.Text.Json;

namespace Telemetry.Local.Faults;

/// <summary>
/// Takes failed entries out of a PutRecords request and puts them back, as per-entry errors in request order,
/// into the answer to the rest. Every other property and every surviving entry is copied as the client wrote it.
/// </summary>
public static class PutRecordsRewrite
{
    private static readonly JsonEncodedText RecordsProperty = JsonEncodedText.Encode("Records");
    private static readonly JsonEncodedText FailedRecordCountProperty = JsonEncodedText.Encode("FailedRecordCount");
    private static readonly JsonEncodedText ErrorCodeProperty = JsonEncodedText.Encode("ErrorCode");
    private static readonly JsonEncodedText ErrorMessageProperty = JsonEncodedText.Encode("ErrorMessage");

    /// <summary>The number of entries in a PutRecords body; null when it is not one (the upstream will say why).</summary>
    public static int? CountEntries(ReadOnlyMemory<byte> request)
    {
        try
        {
            using var document = JsonDocument.Parse(request);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array
                ? records.GetArrayLength()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The request without the entries of <paramref name="failed"/>.</summary>
    public static byte[] WithoutEntries(ReadOnlyMemory<byte> request, IReadOnlyList<EntryFault> failed)
    {
        var skip = failed.Select(f => f.Index).ToHashSet();
        using var document = JsonDocument.Parse(request);
        var output = new ArrayBufferWriter<byte>(request.Length);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("Records"))
                {
                    writer.WriteStartArray(RecordsProperty);
                    var index = 0;
                    foreach (var entry in property.Value.EnumerateArray())
                    {
                        if (!skip.Contains(index++))
                        {
                            entry.WriteTo(writer);
                        }
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The answer the client gets: the upstream's entries for the forwarded ones, the injected errors for the rest,
    /// in request order, and a FailedRecordCount counting both. Null when the upstream's answer does not hold one
    /// entry per forwarded entry (then it is passed on as it is).
    /// </summary>
    /// <param name="upstreamResponse">The upstream's 200 answer; empty when nothing was forwarded.</param>
    public static byte[]? Merge(ReadOnlyMemory<byte> upstreamResponse, int entryCount, IReadOnlyList<EntryFault> failed)
    {
        var injected = failed.ToDictionary(f => f.Index);
        var forwarded = entryCount - injected.Count;
        using var document = upstreamResponse.IsEmpty ? null : JsonDocument.Parse(upstreamResponse);
        var root = document?.RootElement;
        var upstreamEntries = new List<JsonElement>();
        var upstreamFailed = 0;
        if (root is { } r)
        {
            if (!r.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            upstreamEntries.AddRange(records.EnumerateArray());
            upstreamFailed = r.TryGetProperty("FailedRecordCount", out var count) && count.TryGetInt32(out var n) ? n : 0;
        }

        if (upstreamEntries.Count != forwarded)
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(upstreamResponse.Length + (injected.Count * 96) + 64);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber(FailedRecordCountProperty, upstreamFailed + injected.Count);
            writer.WriteStartArray(RecordsProperty);
            var next = 0;
            for (var i = 0; i < entryCount; i++)
            {
                if (injected.TryGetValue(i, out var fault))
                {
                    writer.WriteStartObject();
                    writer.WriteString(ErrorCodeProperty, fault.ErrorCode);
                    writer.WriteString(ErrorMessageProperty, fault.ErrorMessage);
                    writer.WriteEndObject();
                }
                else
                {
                    upstreamEntries[next++].WriteTo(writer);
                }
            }

            writer.WriteEndArray();
            if (root is { } answer)
            {
                foreach (var property in answer.EnumerateObject())
                {
                    // EncryptionType and whatever a newer API adds are kept.
                    if (!property.NameEquals("Records") && !property.NameEquals("FailedRecordCount"))
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}
