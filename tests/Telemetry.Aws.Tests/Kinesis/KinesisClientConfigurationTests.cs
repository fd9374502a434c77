using System.Net;
using Amazon.Runtime;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Kinesis;

public class KinesisClientConfigurationTests
{
    private static readonly BasicAWSCredentials Credentials = new("a", "b");

    [Fact]
    public void Constructor_NoRegionAnywhere_FailsFastWithClearMessage()
    {
        // Arrange
        var options = new KinesisClientOptions { Credentials = Credentials, Environment = TestEnvironment.Empty };

        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => new KinesisClient(options));

        // Assert
        Assert.StartsWith("No AWS region: set AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoCredentialsAnywhere_FailsFastWithClearMessage()
    {
        // Arrange
        var options = new KinesisClientOptions { Region = "us-east-1", Environment = TestEnvironment.Empty };

        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => new KinesisClient(options));

        // Assert
        Assert.StartsWith("No AWS credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_EverythingFromEnvironment_UsesServiceEndpointVariableAndRegion()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, "");
        var env = TestEnvironment.With(
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = "ap-northeast-1",
                ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
                ["AWS_ENDPOINT_URL_KINESIS"] = "http://127.0.0.1:4567",
            },
            sdkCredentials: Credentials);
        using var client = new KinesisClient(new KinesisClientOptions { Environment = env, Handler = handler });

        // Act
        await client.CreateStreamAsync("s", 1);

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:4567"), client.Endpoint);
        Assert.Equal("ap-northeast-1", client.Region);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://127.0.0.1:4567"), request.Uri);
        Assert.Contains("/ap-northeast-1/kinesis/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeMaxRetries_Throws()
    {
        // Arrange
        var options = new KinesisClientOptions { Region = "us-east-1", Credentials = Credentials, MaxRetries = -1, Environment = TestEnvironment.Empty };

        // Act
        var act = () => new KinesisClient(options);

        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
