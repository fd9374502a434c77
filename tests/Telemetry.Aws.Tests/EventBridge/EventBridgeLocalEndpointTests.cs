using Amazon.Runtime;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgeLocalEndpointTests
{
    [Fact]
    public async Task PublishAsync_RealEndpointPartialFailureThenSuccess_PublishesEverythingResendingOnlyTheFailed()
    {
        // Arrange
        await using var server = await LocalPutEventsServer.StartAsync(
            EventBridgeClients.Answer(null, "ThrottlingException", null),
            EventBridgeClients.Answer((string?)null));
        var env = TestEnvironment.With(
            new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1", ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = server.Endpoint.ToString() },
            sdkCredentials: new BasicAWSCredentials("test", "test"));
        using var client = new EventBridgeClient(new EventBridgeClientOptions { Environment = env, Jitter = new FixedRandom(0) });
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(3));

        // Assert
        var received = server.Received.ToArray();
        Assert.Equal(2, received.Length);
        Assert.All(received, r => Assert.Equal("AWSEvents.PutEvents", r.Target));
        Assert.All(received, r => Assert.Contains("/us-east-1/events/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(["Alert 1"], EventBridgeClients.DetailTypes(received[1].Body));
        Assert.True(result.AllPublished);
        Assert.Equal(["id-0", "id-0", "id-2"], result.Outcomes.Select(o => o.EventId));
    }
}
