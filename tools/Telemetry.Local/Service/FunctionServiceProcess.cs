using System.Diagnostics;
using System.Reflection;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Service;

/// <summary>
/// The local function service (tools/Telemetry.LocalService) as a detached background process: it runs every stream
/// consumer of config/pipeline.json behind its local event source mapping until <c>telemetry local down</c>.
/// </summary>
/// <param name="ProcessId">Its PID.</param>
/// <param name="Assembly">The service assembly it runs; with the data folder, what tells it from a reused PID.</param>
/// <param name="DataDirectory">The stack it serves.</param>
/// <param name="LogPath">Where its output goes.</param>
public sealed record FunctionServiceProcess(int ProcessId, string Assembly, string DataDirectory, string LogPath)
{
    public const string AssemblyName = "telemetry-local-service";
    public const string DataDirectoryFlag = "--data-dir";

    // Long enough to finish an invocation in flight and write its checkpoint.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    public bool IsRunning() => DetachedProcess.IsRunning(ProcessId, Assembly, DataDirectory);

    public static async Task<FunctionServiceProcess> StartAsync(string dataDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var assembly = LocateAssembly();
        await StopLeftoverAsync(dataDirectory);
        var log = FunctionServicePaths.Log(dataDirectory);
        var pid = await DetachedProcess.StartAsync(
            "dotnet", [assembly, DataDirectoryFlag, dataDirectory], LocalToolsFolder.RepoRoot, log, FunctionServicePaths.Pid(dataDirectory), timeout, cancellationToken);
        var service = new FunctionServiceProcess(pid, assembly, dataDirectory, log);
        await service.WaitUntilReadyAsync(timeout, cancellationToken);
        return service;
    }

    /// <summary>Stops a service of this stack that runs unrecorded, its <c>local up</c> killed while it came up.</summary>
    public static Task StopLeftoverAsync(string dataDirectory) =>
        DetachedProcess.StopLeftoverAsync(FunctionServicePaths.Pid(dataDirectory), StopGrace, AssemblyName, dataDirectory);

    public Task StopAsync(CancellationToken cancellationToken = default) =>
        IsRunning() ? DetachedProcess.StopAsync(ProcessId, StopGrace, cancellationToken) : Task.CompletedTask;

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (FunctionServiceStatus.Load(DataDirectory) is { Ready: true } status && status.ProcessId == ProcessId)
            {
                return;
            }

            if (!DetachedProcess.IsAlive(ProcessId) || waited.Elapsed > timeout)
            {
                var reason = DetachedProcess.IsAlive(ProcessId) ? $"did not report ready within {timeout.TotalSeconds:0}s" : "exited";
                await StopAsync(cancellationToken);
                throw new InvalidOperationException($"The local function service {reason}. Its log ({LogPath}):\n{DetachedProcess.LogTail(LogPath)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// The service's build output, of the same configuration as this library. Building the CLI builds it too
    /// (a build-only project reference), so a missing file means a partial build.
    /// </summary>
    public static string LocateAssembly()
    {
        var project = Path.Combine(LocalToolsFolder.RepoRoot, "tools", "Telemetry.LocalService");
        var configuration = typeof(FunctionServiceProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(project, "bin", configuration, "net10.0", AssemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The local function service is not built ({path} is missing). Build it with: dotnet build -c {configuration} tools/Telemetry.LocalService");
    }
}
