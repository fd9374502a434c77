using System.Diagnostics;
using System.Globalization;

namespace Telemetry.Local.Emulators;

/// <summary>
/// Starts a program in a session of its own (setsid), so that neither Ctrl+C nor closing the terminal that ran
/// <c>telemetry local up</c> reaches it, with its output appended to a log file and its PID recorded.
/// </summary>
internal static class DetachedProcess
{
    /// <returns>The PID of <paramref name="program"/> itself: the shell writes its own PID, then execs the program.</returns>
    public static async Task<int> StartAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        string logPath,
        string pidPath,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        File.Delete(pidPath);
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "sh", "-c", "echo $$ > \"$0\"; exec \"$@\" >>\"$TELEMETRY_PROCESS_LOG\" 2>&1 </dev/null", pidPath, program })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TELEMETRY_PROCESS_LOG"] = logPath;
        using (Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}."))
        {
        }

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (File.Exists(pidPath)
                && int.TryParse((await File.ReadAllTextAsync(pidPath, cancellationToken)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        throw new InvalidOperationException($"{program} did not start (no PID file at {pidPath}). Is 'setsid' (util-linux) installed?");
    }

    /// <summary>
    /// Whether a process this code has just started is still alive, while it comes up. Its command line cannot be
    /// checked then: while the shell execs the program, /proc shows it empty for a moment, and a process that is only
    /// starting would be taken for one that died. Its PID cannot have been reused yet.
    /// </summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            return Directory.Exists($"/proc/{processId}") && !IsZombie(processId);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="processId"/> is alive and its command line holds every one of <paramref name="marks"/>.</summary>
    /// <remarks>A PID can be reused after its process ended; the marks tell ours from a stranger.</remarks>
    public static bool IsRunning(int processId, params string[] marks)
    {
        var cmdline = $"/proc/{processId}/cmdline";
        try
        {
            if (!File.Exists(cmdline))
            {
                return false;
            }

            var text = File.ReadAllText(cmdline);
            return marks.All(mark => text.Contains(mark, StringComparison.Ordinal)) && !IsZombie(processId);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the process a PID file names if it still runs with every one of <paramref name="marks"/> on its command
    /// line: one started by a <c>local up</c> that was killed before it could record it anywhere else.
    /// </summary>
    public static async Task StopLeftoverAsync(string pidPath, TimeSpan grace, params string[] marks)
    {
        if (File.Exists(pidPath)
            && int.TryParse((await File.ReadAllTextAsync(pidPath)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && IsRunning(pid, marks))
        {
            await StopAsync(pid, grace);
        }
    }

    /// <summary>The end of a detached process's log, for an error message saying why it did not come up.</summary>
    public static string LogTail(string logPath)
    {
        var text = File.Exists(logPath) ? File.ReadAllText(logPath) : string.Empty;
        return text.Length <= 2000 ? text : text[^2000..];
    }

    // An ended child that its parent has not reaped yet still has a /proc entry, in state Z.
    private static bool IsZombie(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var afterName = stat.LastIndexOf(')');
        return afterName > 0 && stat.Length > afterName + 2 && stat[afterName + 2] == 'Z';
    }

    /// <summary>Asks the process to stop (SIGTERM), and kills it if it has not ended within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int processId, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            return; // Already gone.
        }

        using (process)
        {
            try
            {
                if (grace > TimeSpan.Zero && Signal(processId, "TERM"))
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(grace);
                    try
                    {
                        await process.WaitForExitAsync(timeout.Token);
                        return;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // It did not stop in time: kill it below.
                    }
                }

                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Exited between the look-up and the kill.
            }
        }
    }

    private static bool Signal(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        kill?.WaitForExit();
        return kill is { ExitCode: 0 };
    }
}
