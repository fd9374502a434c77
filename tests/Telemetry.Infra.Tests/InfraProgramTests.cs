using Telemetry.Local.Emulators;

namespace Telemetry.Infra.Tests;

public sealed class InfraProgramTests
{
    private static readonly string Infra = Path.Combine(LocalToolsFolder.RepoRoot, "infra");

    [Fact]
    public async Task InfraProgram_TypeCheckAndMockTests_Pass()
    {
        // Arrange: a hung npm must fail the run, not stall CI
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await NpmPackages.EnsureInstalledAsync(Infra, cancellationToken: deadline.Token);

        // Act: tsc --noEmit (strict), then the Pulumi mock tests (infra/tests/*.test.ts) under node --test
        var (exitCode, output) = await NpmPackages.RunAsync(Infra, ["test"], deadline.Token);

        // Assert
        Assert.True(exitCode == 0, $"npm test in infra/ failed (exit {exitCode}):\n{output}");
        Assert.Contains("ℹ fail 0", output, StringComparison.Ordinal);
    }
}
