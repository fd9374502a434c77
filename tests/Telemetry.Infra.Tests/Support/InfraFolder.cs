namespace Telemetry.Infra.Tests.Support;

/// <summary>Finds infra/ (the Pulumi program) from wherever the test runs.</summary>
internal static class InfraFolder
{
    public const string OverrideVariable = "TELEMETRY_REPO_ROOT";

    public static string Path { get; } = System.IO.Path.Combine(FindRepoRoot(), "infra");

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
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pulumi.yaml"))
                    && File.Exists(System.IO.Path.Combine(dir.FullName, "infra", "package-lock.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Cannot find the repository (Pulumi.yaml and infra/package-lock.json) above '{Directory.GetCurrentDirectory()}'; set {OverrideVariable}.");
    }
}
