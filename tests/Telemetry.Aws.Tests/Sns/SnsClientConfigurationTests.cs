using System.Net;
using Amazon.Runtime;
using Telemetry.Aws.Sns;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Sns;

public class SnsClientConfigurationTests
{
    private static readonly BasicAWSCredentials Credentials = new("a", "b");

    [Fact]
    public async Task Constructor_EndpointVariables_PrefersAwsEndpointUrlSns()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Unsubscribe", null));
        var env = TestEnvironment.With(
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = "ap-northeast-1",
                ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
                ["AWS_ENDPOINT_URL_SNS"] = "http://127.0.0.1:5000",
            },
            sdkCredentials: Credentials);
        using var client = new SnsClient(new SnsClientOptions { Environment = env, Handler = handler });

        // Act
        await client.UnsubscribeAsync(SnsClients.SubscriptionArn);

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:5000"), client.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), Assert.Single(handler.Requests).Uri);
        Assert.Contains("/ap-northeast-1/sns/aws4_request", handler.Requests[0].Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoEndpointConfigured_UsesTheRegionalSnsEndpoint()
    {
        // Arrange
        var options = new SnsClientOptions { Region = "eu-central-1", Credentials = Credentials, Environment = TestEnvironment.Empty };

        // Act
        using var client = new SnsClient(options);

        // Assert
        Assert.Equal(new Uri("https://sns.eu-central-1.amazonaws.com"), client.Endpoint);
        Assert.Equal("eu-central-1", client.Region);
    }
}
