namespace Telemetry.Local.Emulators;

/// <summary>Finds tools/local (the emulators' package.json and lock) from wherever the CLI or a test runs.</summary>
public static class LocalToolsFolder
{
    public const string OverrideVariable = "TELEMETRY_REPO_ROOT";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Path => System.IO.Path.Combine(RepoRoot, "tools", "local");

    private static string FindRepoRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "tools", "local", "package-lock.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the Telemetry repository (tools/local/package-lock.json) above '{Directory.GetCurrentDirectory()}'. " +
            $"Run from inside the repository or set {OverrideVariable}.");
    }
}
