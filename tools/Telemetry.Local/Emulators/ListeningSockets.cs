using System.Globalization;

namespace Telemetry.Local.Emulators;

/// <summary>
/// Whether a given process holds the listening socket of a TCP port (Linux /proc). An HTTP answer alone
/// cannot tell: when two emulators race for one free port, the loser exits and the winner answers for both.
/// </summary>
internal static class ListeningSockets
{
    private const string ListenState = "0A";

    public static bool IsListening(int processId, int port)
    {
        var listening = ListeningInodes(port);
        if (listening.Count == 0)
        {
            return false;
        }

        try
        {
            foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
            {
                var target = new FileInfo(descriptor).LinkTarget; // "socket:[12345]"
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && listening.Contains(target["socket:[".Length..^1]))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited while we looked.
        }

        return false;
    }

    // /proc/net/tcp rows: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...", ports in hex.
    private static HashSet<string> ListeningInodes(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == ListenState && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }
}
