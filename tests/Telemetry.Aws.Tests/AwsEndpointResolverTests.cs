using Amazon;

namespace Telemetry.Aws.Tests;

public class AwsEndpointResolverTests
{
    private static readonly RegionEndpoint Region = RegionEndpoint.GetBySystemName("eu-west-1");

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_ServiceAndGlobalVariablesSet_PrefersServiceVariable()
    {
        // Arrange
        var env = Env(("AWS_ENDPOINT_URL_KINESIS", "http://127.0.0.1:4567"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:9999"));

        // Act
        var endpoint = AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", Region, env);

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:4567"), endpoint);
    }

    [Fact]
    public void Resolve_OnlyGlobalVariableSet_UsesGlobalVariable()
    {
        // Arrange
        var env = Env(("AWS_ENDPOINT_URL", "http://localhost:4566/"));

        // Act
        var endpoint = AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", Region, env);

        // Assert
        Assert.Equal(new Uri("http://localhost:4566/"), endpoint);
    }

    [Fact]
    public void Resolve_NoVariables_UsesRegionalPublicEndpoint()
    {
        // Act
        var endpoint = AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", Region, Env());

        // Assert
        Assert.Equal(new Uri("https://kinesis.eu-west-1.amazonaws.com"), endpoint);
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesPartitionDnsSuffix()
    {
        // Act
        var endpoint = AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", RegionEndpoint.GetBySystemName("cn-north-1"), Env());

        // Assert
        Assert.Equal(new Uri("https://kinesis.cn-north-1.amazonaws.com.cn"), endpoint);
    }

    [Fact]
    public void Resolve_ExplicitUrl_WinsOverVariables()
    {
        // Arrange
        var env = Env(("AWS_ENDPOINT_URL_KINESIS", "http://127.0.0.1:4567"));

        // Act
        var endpoint = AwsEndpointResolver.Resolve(new Uri("http://explicit:1"), "KINESIS", "kinesis", Region, env);

        // Assert
        Assert.Equal(new Uri("http://explicit:1"), endpoint);
    }

    [Fact]
    public void Resolve_IgnoreConfiguredEndpointUrls_UsesPublicEndpoint()
    {
        // Arrange
        var env = Env(("AWS_ENDPOINT_URL_KINESIS", "http://127.0.0.1:4567"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        // Act
        var endpoint = AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", Region, env);

        // Assert
        Assert.Equal("kinesis.eu-west-1.amazonaws.com", endpoint.Host);
    }

    [Fact]
    public void Resolve_MalformedVariable_ThrowsNamingTheVariable()
    {
        // Arrange
        var env = Env(("AWS_ENDPOINT_URL_KINESIS", "127.0.0.1:4567"));

        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => AwsEndpointResolver.Resolve(null, "KINESIS", "kinesis", Region, env));

        // Assert
        Assert.Contains("AWS_ENDPOINT_URL_KINESIS", error.Message, StringComparison.Ordinal);
    }
}
