using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Infra.Tests.Support;

/// <summary>Runs npm in infra/, installing from its lock file first when node_modules is missing or stale.</summary>
internal static class Npm
{
    public sealed record Result(int ExitCode, string Output);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<Result> EnsureInstalledAsync(string folder)
    {
        if (IsInstalled(folder))
        {
            return new Result(0, "up to date");
        }

        // Other test processes (or a second run) may install at the same time; one does it, the others then see the marker.
        await using var gate = await AcquireLockAsync(Path.Combine(folder, ".install.lock"));
        if (IsInstalled(folder))
        {
            return new Result(0, "installed by another run");
        }

        var result = await RunAsync(folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        if (result.ExitCode == 0)
        {
            await File.WriteAllTextAsync(MarkerPath(folder), LockHash(folder));
        }

        return result;
    }

    public static async Task<Result> RunAsync(string folder, params string[] arguments)
    {
        var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start npm.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, $"npm {string.Join(' ', arguments)} did not finish within {Deadline}.\n{await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return new Result(process.ExitCode, output.ToString());
    }

    // The marker records which lock file was installed, so a changed pin triggers a reinstall.
    private static bool IsInstalled(string folder) =>
        File.Exists(MarkerPath(folder)) && File.ReadAllText(MarkerPath(folder)) == LockHash(folder);

    private static string MarkerPath(string folder) => Path.Combine(folder, "node_modules", ".telemetry-installed");

    private static string LockHash(string folder) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "package-lock.json"))));

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < Deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }
}
