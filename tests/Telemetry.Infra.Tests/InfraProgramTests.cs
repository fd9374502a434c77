using Telemetry.Infra.Tests.Support;

namespace Telemetry.Infra.Tests;

public sealed class InfraProgramTests
{
    [Fact]
    public async Task InfraProgram_TypeCheckAndMockTests_Pass()
    {
        // Arrange
        var install = await Npm.EnsureInstalledAsync(InfraFolder.Path);
        Assert.True(install.ExitCode == 0, $"npm ci in infra/ failed (exit {install.ExitCode}):\n{install.Output}");

        // Act: tsc --noEmit (strict), then the Pulumi mock tests (infra/tests/*.test.ts) under node --test
        var result = await Npm.RunAsync(InfraFolder.Path, "test");

        // Assert
        Assert.True(result.ExitCode == 0, $"npm test in infra/ failed (exit {result.ExitCode}):\n{result.Output}");
    }
}
