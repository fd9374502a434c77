namespace Telemetry.Functions.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Always_Compiles() => Assert.True(true);
}
