using Amazon.Runtime;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests;

public class AwsCredentialsResolverTests
{
    [Fact]
    public void Resolve_Explicit_ReturnsThemWithoutAskingTheChain()
    {
        // Arrange
        var explicitCredentials = new BasicAWSCredentials("a", "b");

        // Act
        var credentials = AwsCredentialsResolver.Resolve(explicitCredentials, TestEnvironment.Empty);

        // Assert
        Assert.Same(explicitCredentials, credentials);
    }

    [Fact]
    public void Resolve_NoExplicit_UsesSdkChain()
    {
        // Arrange
        var fromChain = new BasicAWSCredentials("chain", "secret");

        // Act
        var credentials = AwsCredentialsResolver.Resolve(null, TestEnvironment.With(sdkCredentials: fromChain));

        // Assert
        Assert.Same(fromChain, credentials);
    }

    [Fact]
    public void Resolve_ChainFindsNothing_ThrowsClearMessage()
    {
        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => AwsCredentialsResolver.Resolve(null, TestEnvironment.Empty));

        // Assert
        Assert.StartsWith("No AWS credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.IsType<AmazonClientException>(error.InnerException);
    }
}
