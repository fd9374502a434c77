using System.Diagnostics;
using System.Globalization;

namespace Telemetry.Local.Emulators;

/// <summary>
/// moto server (SQS, SNS, EventBridge) on a loopback port, started from the pinned installation with its log and PID
/// file in a folder of the caller's; disposing stops it. Only the process started here is ever stopped, by its PID.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private const string Module = "moto.server";

    private MotoServer(int port, int processId, string python, string logPath)
    {
        Port = port;
        ProcessId = processId;
        Python = python;
        LogPath = logPath;
    }

    public int Port { get; }

    public int ProcessId { get; }

    public string Python { get; }

    public string LogPath { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts moto server on <paramref name="port"/> (0: a free one) and returns once it answers HTTP.</summary>
    /// <param name="directory">Where its log (moto.log) and PID file (moto.pid) go.</param>
    public static async Task<MotoServer> StartAsync(
        string directory, int port = 0, TimeSpan? timeout = null, string python = MotoInstallation.DefaultPython, CancellationToken cancellationToken = default)
    {
        var installation = await MotoEnvironment.EnsureAsync(python, cancellationToken: cancellationToken);
        Directory.CreateDirectory(directory);
        var logPath = Path.Combine(directory, "moto.log");
        var pidPath = Path.Combine(directory, "moto.pid");
        var chosen = port == 0 ? EmulatorProcess.FreePort() : port;
        if (!EmulatorProcess.PortIsFree(chosen))
        {
            throw new InvalidOperationException($"Port {chosen} for moto server is already in use on 127.0.0.1. Stop whatever holds it or choose another port.");
        }

        var deadline = timeout ?? TimeSpan.FromSeconds(30);
        var arguments = new[] { "-m", Module, "-p", chosen.ToString(CultureInfo.InvariantCulture), "-H", "127.0.0.1" };
        var processId = await DetachedProcess.StartAsync(installation.Python, arguments, directory, logPath, pidPath, deadline, cancellationToken);
        var server = new MotoServer(chosen, processId, installation.Python, logPath);
        await server.WaitUntilReadyAsync(deadline, cancellationToken);
        return server;
    }

    // The PID may have been reused once the server ended: only our interpreter running moto on our port counts.
    public bool IsRunning() => DetachedProcess.IsRunning(ProcessId, Python, Module, Port.ToString(CultureInfo.InvariantCulture));

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning())
        {
            // Its state is in memory and a test's to lose: no grace period.
            await DetachedProcess.StopAsync(ProcessId, TimeSpan.Zero, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // Our process must hold the socket: after a lost race for the port, another server would answer for it.
                if (!ListeningSockets.IsListening(ProcessId, Port))
                {
                    throw new HttpRequestException($"process {ProcessId} is not listening on port {Port} yet");
                }

                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"), cancellationToken);
                return;
            }
            catch (Exception e) when (NotYet(e) && waited.Elapsed < timeout && DetachedProcess.IsAlive(ProcessId))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (Exception e) when (NotYet(e))
            {
                var reason = DetachedProcess.IsAlive(ProcessId) ? $"did not answer on {Endpoint} within {timeout.TotalSeconds:0}s" : $"exited before answering on {Endpoint}";
                await StopAsync(cancellationToken);
                throw new InvalidOperationException($"moto server {reason}. Its log ({LogPath}):\n{DetachedProcess.LogTail(LogPath)}");
            }
        }

        // A client timeout is a server still starting, unless the caller cancelled.
        bool NotYet(Exception e) => e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);
    }
}
