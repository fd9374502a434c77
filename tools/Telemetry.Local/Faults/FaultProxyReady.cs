using System.Text.Json;

namespace Telemetry.Local.Faults;

/// <summary>
/// Written by the proxy once it listens: its PID and the ports it got, so the process that started it learns
/// the ports chosen for port 0.
/// </summary>
public sealed record FaultProxyReady(int ProcessId, IReadOnlyDictionary<string, int> Ports, string Profile, int Seed)
{
    /// <summary>Written to a temporary file and moved into place, so a reader never sees half of it.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(this, FaultProxyJson.Options), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public static FaultProxyReady? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<FaultProxyReady>(File.ReadAllBytes(path), FaultProxyJson.Options) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
