using System.Text.Json;

namespace Telemetry.Producer.Ledger;

/// <summary>Reads and writes <see cref="ProducerLedger"/> files: camelCase JSON, replaced atomically.</summary>
public static class LedgerFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static string Serialize(ProducerLedger ledger) => JsonSerializer.Serialize(ledger, Options);

    /// <summary>
    /// Writes <paramref name="ledger"/> to a temporary file beside <paramref name="path"/>, flushed to disk, then
    /// renames it over <paramref name="path"/>: a reader, or a run killed mid-write, sees the old ledger or the new
    /// one, never half of one.
    /// </summary>
    public static void Write(string path, ProducerLedger ledger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(ledger);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, ledger, Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a ledger.</summary>
    /// <exception cref="LedgerException">The file is missing, unreadable, not a ledger, or of a version this build does not read.</exception>
    public static ProducerLedger Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LedgerException($"No producer ledger at '{path}': the file does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerException($"The producer ledger '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses a ledger's bytes; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="LedgerException">The bytes are not a ledger of a version this build reads.</exception>
    public static ProducerLedger Parse(ReadOnlySpan<byte> bytes, string source)
    {
        // The version first, so that a newer ledger is refused as such rather than as a field this build lacks.
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new LedgerException($"'{source}' is not a producer ledger: its JSON is not an object.");
            }

            if (!document.RootElement.TryGetProperty("ledgerVersion", out var version) || !version.TryGetInt32(out var number))
            {
                throw new LedgerException($"'{source}' is not a producer ledger: it has no numeric ledgerVersion.");
            }

            if (number != ProducerLedger.CurrentVersion)
            {
                throw new LedgerException(
                    $"'{source}' is a producer ledger of version {number}; this build reads version {ProducerLedger.CurrentVersion}.");
            }

            return document.Deserialize<ProducerLedger>(Options)
                ?? throw new LedgerException($"'{source}' is not a producer ledger: it is null.");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            throw new LedgerException($"'{source}' is not a readable producer ledger{where}: {e.Message}", e);
        }
    }
}
