using System.Diagnostics;
using System.Globalization;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>Peak resident memory of a process, as the kernel keeps it (VmHWM); null where /proc is not there.</summary>
internal static class PeakMemory
{
    public static long? OfProcess(int processId)
    {
        var path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static long OfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return OfProcess(self.Id) ?? self.PeakWorkingSet64;
    }
}
