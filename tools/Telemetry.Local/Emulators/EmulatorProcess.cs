using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Telemetry.Local.Emulators;

/// <summary>
/// One emulator started as a detached process (its own session, so Ctrl+C on the CLI that started
/// it does not kill it), logging to a file, its PID recorded so only what we started is ever stopped.
/// </summary>
public sealed record EmulatorProcess(EmulatorKind Kind, int Port, int ProcessId, string Script, string LogPath)
{
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public static async Task<EmulatorProcess> StartAsync(EmulatorKind kind, int port, string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tools = LocalToolsFolder.Path;
        var (script, arguments) = CommandFor(kind, tools, port, Path.Combine(dataDirectory, kind.ToString().ToLowerInvariant()));
        Directory.CreateDirectory(arguments.Data);
        var logPath = Path.Combine(dataDirectory, $"{kind.ToString().ToLowerInvariant()}.log");
        var pidPath = Path.Combine(dataDirectory, $"{kind.ToString().ToLowerInvariant()}.pid");
        File.Delete(pidPath);

        if (!PortIsFree(port))
        {
            throw new InvalidOperationException(
                $"Port {port} for the {kind} emulator is already in use on 127.0.0.1. Stop whatever holds it or choose another port.");
        }

        // setsid detaches from our session; the shell writes its own PID then execs node, so the PID stays node's.
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = tools, UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "sh", "-c", "echo $$ > \"$0\"; exec \"$@\" >>\"$TELEMETRY_EMULATOR_LOG\" 2>&1 </dev/null", pidPath, "node", script })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments.Flags)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TELEMETRY_EMULATOR_LOG"] = logPath;
        using (Process.Start(info) ?? throw new InvalidOperationException($"Could not start the {kind} emulator."))
        {
        }

        var processId = await WaitForPidAsync(pidPath, kind, timeout, cancellationToken);
        var emulator = new EmulatorProcess(kind, port, processId, script, logPath);
        await emulator.WaitUntilReadyAsync(timeout, cancellationToken);
        return emulator;
    }

    public bool IsRunning()
    {
        // The PID may have been reused since we recorded it: only a node running our script counts as ours.
        var cmdline = $"/proc/{ProcessId}/cmdline";
        try
        {
            return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(Script, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning())
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Our process must own the listening socket: after a lost race for the port, another
                // emulator would answer in its place.
                if (!ListeningSockets.IsListening(ProcessId, Port))
                {
                    throw new HttpRequestException($"process {ProcessId} is not listening on port {Port} yet");
                }

                using var response = await http.GetAsync(Endpoint, cancellationToken);
                return; // Any HTTP answer, even an auth error, means the server is ready.
            }
            catch (HttpRequestException) when (waited.Elapsed < timeout && IsRunning())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (HttpRequestException)
            {
                var log = File.Exists(LogPath) ? await File.ReadAllTextAsync(LogPath, cancellationToken) : "";
                await StopAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"The {Kind} emulator did not answer on {Endpoint} within {timeout.TotalSeconds:0}s. Its log ({LogPath}):\n{Tail(log)}");
            }
        }
    }

    private static async Task<int> WaitForPidAsync(string pidPath, EmulatorKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (File.Exists(pidPath) && int.TryParse((await File.ReadAllTextAsync(pidPath, cancellationToken)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        throw new InvalidOperationException($"The {kind} emulator did not start (no PID file at {pidPath}). Is 'setsid' (util-linux) installed?");
    }

    private static (string Script, (string Data, string[] Flags) Arguments) CommandFor(EmulatorKind kind, string tools, int port, string data)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            // Short CREATING phases keep `local up` and the test fixtures quick; the states still occur.
            EmulatorKind.Kinesis => (Path.Combine(tools, "kinesalite.js"), (data, ["--port", p, "--path", data, "--createStreamMs", "50", "--deleteStreamMs", "50", "--updateStreamMs", "50", "--shardLimit", "100"])),
            EmulatorKind.DynamoDb => (Path.Combine(tools, "node_modules", "dynalite", "cli.js"), (data, ["--host", "127.0.0.1", "--port", p, "--path", data, "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50"])),
            EmulatorKind.S3 => (Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js"), (data, ["--address", "127.0.0.1", "--port", p, "--directory", data, "--silent"])),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    internal static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Tail(string log) => log.Length <= 2000 ? log : log[^2000..];
}
