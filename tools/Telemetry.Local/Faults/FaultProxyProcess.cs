using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Faults;

/// <summary>
/// The fault proxy (tools/Telemetry.FaultProxy) as a detached background process, started like the emulators and
/// the local function service: its own session, its output in a log file, its PID recorded in the data folder.
/// </summary>
public sealed record FaultProxyProcess(int ProcessId, string Assembly, string ReadyPath, string LogPath, IReadOnlyDictionary<FaultUpstream, int> Ports)
{
    public const string AssemblyName = "telemetry-fault-proxy";

    // It has nothing to save: the grace only lets calls in flight finish.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static string LogPathOf(string dataDirectory) => Path.Combine(dataDirectory, "fault-proxy.log");

    public static string PidPathOf(string dataDirectory) => Path.Combine(dataDirectory, "fault-proxy.pid");

    public static string ReadyPathOf(string dataDirectory) => Path.Combine(dataDirectory, "fault-proxy.json");

    public Uri Endpoint(FaultUpstream upstream) => new($"http://127.0.0.1:{Ports[upstream]}");

    public Uri ControlEndpoint => new(Endpoint(Ports.Keys.First()), FaultProxyServer.ControlPath);

    public bool IsRunning() => DetachedProcess.IsRunning(ProcessId, Assembly, ReadyPath);

    public static async Task<FaultProxyProcess> StartAsync(
        string dataDirectory, FaultProxyOptions options, string profile, int seed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assembly = LocateAssembly();
        var ready = ReadyPathOf(dataDirectory);
        await DetachedProcess.StopLeftoverAsync(PidPathOf(dataDirectory), StopGrace, AssemblyName, ready);
        File.Delete(ready);

        var arguments = new List<string> { assembly, "--profile", profile, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--ready-file", ready };
        foreach (var (upstream, endpoint) in options.Upstreams)
        {
            arguments.AddRange([$"--{upstream.Name()}-upstream", endpoint.Target.ToString(), $"--{upstream.Name()}-port", endpoint.Port.ToString(CultureInfo.InvariantCulture)]);
        }

        var log = LogPathOf(dataDirectory);
        var pid = await DetachedProcess.StartAsync("dotnet", arguments, LocalToolsFolder.RepoRoot, log, PidPathOf(dataDirectory), timeout, cancellationToken);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (FaultProxyReady.TryRead(ready) is { } written && written.ProcessId == pid)
            {
                var ports = FaultUpstreams.All.Where(u => written.Ports.ContainsKey(u.Name())).ToDictionary(u => u, u => written.Ports[u.Name()]);
                return new FaultProxyProcess(pid, assembly, ready, log, ports);
            }

            var running = DetachedProcess.IsAlive(pid);
            if (!running || waited.Elapsed > timeout)
            {
                if (running)
                {
                    await DetachedProcess.StopAsync(pid, TimeSpan.Zero, cancellationToken);
                }

                var reason = running ? $"did not report ready within {timeout.TotalSeconds:0}s" : "exited";
                throw new InvalidOperationException($"The fault proxy {reason}. Its log ({log}):\n{DetachedProcess.LogTail(log)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>Stops a proxy of this data folder that an interrupted <c>local up</c> left running unrecorded.</summary>
    public static Task StopLeftoverAsync(string dataDirectory) =>
        DetachedProcess.StopLeftoverAsync(PidPathOf(dataDirectory), StopGrace, AssemblyName, ReadyPathOf(dataDirectory));

    public Task StopAsync(CancellationToken cancellationToken = default) =>
        IsRunning() ? DetachedProcess.StopAsync(ProcessId, StopGrace, cancellationToken) : Task.CompletedTask;

    /// <summary>The proxy's build output, of the same configuration as this library.</summary>
    public static string LocateAssembly()
    {
        var project = Path.Combine(LocalToolsFolder.RepoRoot, "tools", "Telemetry.FaultProxy");
        var configuration = typeof(FaultProxyProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(project, "bin", configuration, "net10.0", AssemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The fault proxy is not built ({path} is missing). Build it with: dotnet build -c {configuration} tools/Telemetry.FaultProxy");
    }
}
