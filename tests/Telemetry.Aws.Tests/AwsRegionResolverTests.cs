using Amazon;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests;

public class AwsRegionResolverTests
{
    [Fact]
    public void Resolve_RegionAndDefaultRegionSet_PrefersAwsRegion()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1", ["AWS_DEFAULT_REGION"] = "us-west-2" });

        // Act
        var region = AwsRegionResolver.Resolve(null, env);

        // Assert
        Assert.Equal("eu-central-1", region.SystemName);
    }

    [Fact]
    public void Resolve_OnlyDefaultRegionSet_UsesIt()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "us-west-2" });

        // Act
        var region = AwsRegionResolver.Resolve(null, env);

        // Assert
        Assert.Equal("us-west-2", region.SystemName);
    }

    [Fact]
    public void Resolve_NoVariables_FallsBackToSdkChain()
    {
        // Arrange
        var env = TestEnvironment.With(sdkRegion: RegionEndpoint.APSoutheast2);

        // Act
        var region = AwsRegionResolver.Resolve(null, env);

        // Assert
        Assert.Equal("ap-southeast-2", region.SystemName);
    }

    [Fact]
    public void Resolve_Explicit_WinsOverEnvironment()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1" });

        // Act
        var region = AwsRegionResolver.Resolve("us-east-1", env);

        // Assert
        Assert.Equal("us-east-1", region.SystemName);
    }

    [Fact]
    public void Resolve_NothingAnywhere_ThrowsMessageNamingAwsRegion()
    {
        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => AwsRegionResolver.Resolve(null, TestEnvironment.Empty));

        // Assert
        Assert.StartsWith("No AWS region", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }
}
