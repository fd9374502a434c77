using System.Net;
using Amazon.Runtime;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgeClientConfigurationTests
{
    private static readonly BasicAWSCredentials Credentials = new("a", "b");

    [Fact]
    public async Task Constructor_EventBridgeEndpointVariable_WinsOverTheGenericOne()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        var env = TestEnvironment.With(
            new Dictionary<string, string>
            {
                ["AWS_REGION"] = "ap-northeast-1",
                ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1",
                ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = "http://127.0.0.1:5000",
            },
            sdkCredentials: Credentials);
        using var client = new EventBridgeClient(new EventBridgeClientOptions { Environment = env, Handler = handler });

        // Act
        await client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1));

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:5000"), client.Endpoint);
        Assert.Equal("ap-northeast-1", client.Region);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), request.Uri);
        Assert.Contains("/ap-northeast-1/events/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OnlyGenericEndpointVariable_UsesIt()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000" }, sdkCredentials: Credentials);

        // Act
        using var client = new EventBridgeClient(new EventBridgeClientOptions { Region = "eu-west-1", Environment = env });

        // Assert
        Assert.Equal(new Uri("http://127.0.0.1:5000"), client.Endpoint);
    }

    [Fact]
    public void Constructor_NoEndpointVariable_UsesTheRegionalEventsEndpoint()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1" }, sdkCredentials: Credentials);

        // Act
        using var client = new EventBridgeClient(new EventBridgeClientOptions { Environment = env });

        // Assert
        Assert.Equal(new Uri("https://events.eu-central-1.amazonaws.com"), client.Endpoint);
    }

    [Fact]
    public void Constructor_MalformedEndpointVariable_FailsFastNamingIt()
    {
        // Arrange
        var env = TestEnvironment.With(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = "localhost:5000" }, sdkCredentials: Credentials);

        // Act
        var error = Assert.Throws<AwsConfigurationException>(() => new EventBridgeClient(new EventBridgeClientOptions { Region = "eu-west-1", Environment = env }));

        // Assert
        Assert.StartsWith("AWS_ENDPOINT_URL_EVENTBRIDGE=", error.Message, StringComparison.Ordinal);
    }
}
