using System.Diagnostics;
using System.Security.Cryptography;

namespace Telemetry.Local.Emulators;

/// <summary>
/// A folder of npm packages pinned by its package-lock.json (the emulators, the Pulumi program): installed
/// with <c>npm ci</c> when missing or when the lock changed. Test assemblies run in parallel, so the install
/// is serialised across processes by an exclusive lock file.
/// </summary>
public static class NpmPackages
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    public static async Task EnsureInstalledAsync(string folder, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        // Checked even when installed: without node nothing installed here can run, and saying so beats a log tail.
        RequireTool("node", "--version");
        if (IsInstalled(folder))
        {
            return;
        }

        RequireTool("npm", "--version");

        await using var gate = await FileLock.AcquireAsync(Path.Combine(folder, ".install.lock"), LockWait, cancellationToken);
        if (IsInstalled(folder))
        {
            return;
        }

        log?.Invoke($"Installing npm packages in {Path.GetFileName(folder)}/ from its package-lock.json (npm ci, first use only)…");
        var result = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {folder} (exit {result.ExitCode}):\n{result.Output}");
        }

        await File.WriteAllTextAsync(MarkerPath(folder), LockHash(folder), cancellationToken);
    }

    /// <summary>Runs <c>npm</c> with <paramref name="arguments"/> in <paramref name="folder"/>; stdout and stderr are returned together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunAsync("npm", arguments, folder, cancellationToken);
        return (result.ExitCode, result.Output);
    }

    // The marker records which lock file was installed, so a changed pin triggers a reinstall.
    private static bool IsInstalled(string folder) =>
        File.Exists(MarkerPath(folder)) && File.ReadAllText(MarkerPath(folder)) == LockHash(folder);

    private static string MarkerPath(string folder) => Path.Combine(folder, "node_modules", ".telemetry-installed");

    private static string LockHash(string folder) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "package-lock.json"))));

    private static void RequireTool(string name, string versionFlag)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(name, versionFlag) { RedirectStandardOutput = true, RedirectStandardError = true });
            process?.WaitForExit();
            if (process is null || process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{name} {versionFlag}' failed.");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                $"'{name}' was not found on PATH. The local stack and the infra checks run on Node.js: install Node.js 20 or newer (with npm) and retry.");
        }
    }
}
