using System.Collections.Concurrent;

namespace Telemetry.Local.Emulators;

/// <summary>
/// Finds the interpreter moto server runs on: the machine's own Python when it already holds the pinned moto (nothing is
/// installed then), else the project's virtual environment under .telemetry/tools (git-ignored), created and filled
/// from tools/local/moto-requirements.txt with pip on first use. Installs are serialised across processes.
/// </summary>
public static class MotoEnvironment
{
    private static readonly TimeSpan InstallWait = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<(string, string, string), MotoInstallation> Found = new();

    /// <summary>The project's virtual environment for moto, beside the default data folder.</summary>
    public static string DefaultVirtualEnvironment => Path.Combine(LocalToolsFolder.RepoRoot, ".telemetry", "tools", "moto-venv");

    /// <param name="python">The machine's interpreter, which also creates the virtual environment.</param>
    /// <param name="virtualEnvironment">Where the virtual environment lives; <see cref="DefaultVirtualEnvironment"/> unless given.</param>
    public static async Task<MotoInstallation> EnsureAsync(
        string python = MotoInstallation.DefaultPython,
        string? toolsFolder = null,
        string? virtualEnvironment = null,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var folder = toolsFolder ?? LocalToolsFolder.Path;
        var venv = virtualEnvironment ?? DefaultVirtualEnvironment;
        // The probe imports moto.server, about a second: once per process is enough, a pin does not change under it.
        if (Found.TryGetValue((python, folder, venv), out var known))
        {
            return known;
        }

        var found = await FindOrInstallAsync(python, folder, venv, log, cancellationToken);
        Found[(python, folder, venv)] = found;
        return found;
    }

    /// <summary><see cref="EnsureAsync"/> without its per-process memory.</summary>
    internal static async Task<MotoInstallation> FindOrInstallAsync(string python, string folder, string venv, Action<string>? log, CancellationToken cancellationToken)
    {
        InvalidOperationException machine;
        try
        {
            return await MotoInstallation.FindAsync(python, folder, cancellationToken);
        }
        catch (PythonNotFoundException)
        {
            throw;
        }
        catch (InvalidOperationException problem)
        {
            machine = problem;
        }

        var venvPython = Path.Combine(venv, "bin", "python");
        if (await TryFindAsync(venvPython, folder, cancellationToken) is { } ready)
        {
            return ready;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(venv)!);
        await using var gate = await FileLock.AcquireAsync(venv + ".lock", InstallWait, cancellationToken);
        if (await TryFindAsync(venvPython, folder, cancellationToken) is { } installedMeanwhile)
        {
            return installedMeanwhile;
        }

        var requirements = Path.Combine(folder, MotoInstallation.RequirementsFile);
        var pinned = MotoInstallation.PinnedVersion(folder);
        log?.Invoke($"{python} has no usable moto[server]=={pinned} ({machine.Message.Split(". ")[0]}); installing it into {venv} (first use only)…");
        var created = await ProcessRunner.RunAsync(python, ["-m", "venv", venv], folder, cancellationToken);
        if (created.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not create a virtual environment for moto with '{python} -m venv {venv}' (exit {created.ExitCode}); on Debian/Ubuntu " +
                $"install python3-venv. Or install moto for {python} yourself: {python} -m pip install -r {requirements}\n{created.Output}");
        }

        var installed = await ProcessRunner.RunAsync(
            venvPython, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r", requirements], folder, cancellationToken);
        if (installed.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not install moto[server]=={pinned} into {venv}: pip failed (exit {installed.ExitCode}), usually because no package index " +
                $"is reachable (a proxy, an offline machine; PIP_INDEX_URL names a mirror). Retry once pip can reach one, or install the pin for " +
                $"{python} yourself: {python} -m pip install -r {requirements}. pip said:\n{Tail(installed.Output)}");
        }

        return await MotoInstallation.FindAsync(venvPython, folder, cancellationToken);
    }

    private static async Task<MotoInstallation?> TryFindAsync(string python, string folder, CancellationToken cancellationToken)
    {
        if (!File.Exists(python))
        {
            return null;
        }

        try
        {
            return await MotoInstallation.FindAsync(python, folder, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null; // An environment with another or a broken moto is installed over.
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
