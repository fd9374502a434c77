using System.Diagnostics;

namespace Telemetry.Local.Emulators;

/// <summary>An exclusive lock between processes: a file opened without sharing, deleted when released.</summary>
internal static class FileLock
{
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }
}
