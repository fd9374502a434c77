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

    public static async Task<EmulatorProcess> StartAsync(
        EmulatorKind kind, int port, string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken, Action<string>? log = null)
    {
        var tools = LocalToolsFolder.Path;
        var (program, script, arguments) = kind == EmulatorKind.Moto
            ? MotoCommand((await MotoEnvironment.EnsureAsync(log: log, cancellationToken: cancellationToken)).Python, port, DataPathOf(dataDirectory, kind))
            : await NodeCommandAsync(kind, tools, port, DataPathOf(dataDirectory, kind), cancellationToken);
        var logPath = LogPathOf(dataDirectory, kind);
        var pidPath = PidPathOf(dataDirectory, kind);
        await StopLeftoverAsync(kind, dataDirectory);

        if (!PortIsFree(port))
        {
            throw new InvalidOperationException(
                $"Port {port} for the {kind} emulator is already in use on 127.0.0.1. Stop whatever holds it or choose another port.");
        }

        var processId = await DetachedProcess.StartAsync(program, arguments, tools, logPath, pidPath, timeout, cancellationToken);
        var emulator = new EmulatorProcess(kind, port, processId, script, logPath);
        await emulator.WaitUntilReadyAsync(timeout, cancellationToken);
        return emulator;
    }

    /// <summary>
    /// Stops an emulator of <paramref name="kind"/> that runs on the data of <paramref name="dataDirectory"/> without
    /// being recorded, because the <c>local up</c> that started it was killed while it came up; it would hold the
    /// port and the data files.
    /// </summary>
    public static Task StopLeftoverAsync(EmulatorKind kind, string dataDirectory) =>
        DetachedProcess.StopLeftoverAsync(
            PidPathOf(dataDirectory, kind),
            TimeSpan.Zero,
            kind == EmulatorKind.Moto ? MotoModule : CommandFor(kind, LocalToolsFolder.Path, 0, DataPathOf(dataDirectory, kind)).Script,
            DataPathOf(dataDirectory, kind));

    private static string DataPathOf(string dataDirectory, EmulatorKind kind) => Path.Combine(dataDirectory, kind.ToString().ToLowerInvariant());

    private static string PidPathOf(string dataDirectory, EmulatorKind kind) => Path.Combine(dataDirectory, $"{kind.ToString().ToLowerInvariant()}.pid");

    /// <summary>Where the emulator of <paramref name="kind"/> logs, in the stack's data folder.</summary>
    public static string LogPathOf(string dataDirectory, EmulatorKind kind) => Path.Combine(dataDirectory, $"{kind.ToString().ToLowerInvariant()}.log");

    // The PID may have been reused since we recorded it: only a node running our script, or our interpreter running
    // moto on our port, counts as ours.
    public bool IsRunning() => Kind == EmulatorKind.Moto
        ? DetachedProcess.IsRunning(ProcessId, Script, MotoModule, $"\0{Port.ToString(CultureInfo.InvariantCulture)}\0")
        : DetachedProcess.IsRunning(ProcessId, Script);

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning())
        {
            // The emulators keep their data in files they sync as they go; no grace period is needed.
            await DetachedProcess.StopAsync(ProcessId, TimeSpan.Zero, cancellationToken);
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
            catch (Exception e) when (NotYet(e) && waited.Elapsed < timeout && DetachedProcess.IsAlive(ProcessId))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (Exception e) when (NotYet(e))
            {
                var reason = DetachedProcess.IsAlive(ProcessId) ? $"did not answer on {Endpoint} within {timeout.TotalSeconds:0}s" : $"exited before answering on {Endpoint}";
                await StopAsync(cancellationToken);
                throw new InvalidOperationException($"The {Kind} emulator {reason}. Its log ({LogPath}):\n{DetachedProcess.LogTail(LogPath)}");
            }
        }

        // A client timeout is a server still starting (moto's first answer can take seconds), unless the caller cancelled.
        bool NotYet(Exception e) => e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
    }

    private static async Task<(string Program, string Script, string[] Arguments)> NodeCommandAsync(
        EmulatorKind kind, string tools, int port, string data, CancellationToken cancellationToken)
    {
        // A process cannot start without its package; callers that start one emulator directly need it as much as `local up`.
        await EmulatorInstaller.EnsureInstalledAsync(cancellationToken: cancellationToken);
        var (script, arguments) = CommandFor(kind, tools, port, data);
        Directory.CreateDirectory(arguments.Data);
        return ("node", script, [script, .. arguments.Flags]);
    }

    // moto keeps its state in memory, so it has no data folder; the folder's path rides on the command line (argv[1], which
    // the launcher skips) so that a leftover of this stack's is told from any other moto by its PID file and command line.
    private static (string Program, string Script, string[] Arguments) MotoCommand(string python, int port, string marker) =>
        (python, python, ["-c", MotoLauncher, marker, "-p", port.ToString(CultureInfo.InvariantCulture), "-H", "127.0.0.1"]);

    private const string MotoModule = "moto.server";

    private const string MotoLauncher = "import sys; from moto.server import main; main(sys.argv[2:])";

    private static (string Script, (string Data, string[] Flags) Arguments) CommandFor(EmulatorKind kind, string tools, int port, string data)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            // Short CREATING phases keep `local up` and the test fixtures quick; the states still occur.
            EmulatorKind.Kinesis => (Path.Combine(tools, "kinesalite.js"), (data, ["--port", p, "--path", data, "--createStreamMs", "50", "--deleteStreamMs", "50", "--updateStreamMs", "50", "--shardLimit", "100"])),
            EmulatorKind.DynamoDb => (Path.Combine(tools, "dynalite.js"), (data, ["--host", "127.0.0.1", "--port", p, "--path", data, "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50"])),
            EmulatorKind.S3 => (Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js"), (data, ["--address", "127.0.0.1", "--port", p, "--directory", data, "--silent"])),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an npm emulator"),
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
}
