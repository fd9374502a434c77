using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Telemetry.Local.Emulators;

namespace Telemetry.Functions.Tests.Deployment;

// Publishes processors/Telemetry.Functions once, the way the deployment does, and loads its output in an
// isolated, collectible context, so that the assembly checked is the one shipped and not the test's reference.
public sealed class PublishedFunctions : IAsyncLifetime
{
    public const string ProjectPath = "processors/Telemetry.Functions";

    // A cold Release build of the function and its dependencies on a busy 2-core machine.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    private readonly string outputDirectory = Directory.CreateTempSubdirectory("telemetry-functions-publish-").FullName;
    private PublishContext? context;

    public string OutputDirectory => outputDirectory;

    public async Task InitializeAsync()
    {
        var (exitCode, output) = await PublishAsync();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {ProjectPath} exited with {exitCode}:\n{output}");
        }

        context = new PublishContext(outputDirectory);
    }

    public Task DisposeAsync()
    {
        context?.Unload();
        Directory.Delete(outputDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The published assembly of that simple name, or null when the output has no such file.</summary>
    public Assembly? Load(string assemblyName)
    {
        var path = Path.Combine(outputDirectory, assemblyName + ".dll");
        return File.Exists(path) ? (context ?? throw new InvalidOperationException("Not published.")).LoadFromAssemblyPath(path) : null;
    }

    private async Task<(int ExitCode, string Output)> PublishAsync()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = LocalToolsFolder.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", ProjectPath, "-c", "Release", "-o", outputDirectory, "--nologo", "--disable-build-servers" })
        {
            info.ArgumentList.Add(argument);
        }

        // Inherited from the dotnet test that runs us, these would point the child build at the test's MSBuild state.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {PublishTimeout}\n{await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    // Resolves the function's dependencies from the publish folder, falling back to the shared framework.
    private sealed class PublishContext(string directory) : AssemblyLoadContext("published-functions", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
