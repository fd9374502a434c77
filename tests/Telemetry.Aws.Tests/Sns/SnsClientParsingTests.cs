using System.Net;
using Telemetry.Aws.Sns;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Sns;

// Answers the client cannot use: each must end in an SnsException that says what was missing, sent once.
public class SnsClientParsingTests
{
    [Fact]
    public async Task SubscribeAsync_ResultWithoutSubscriptionArn_ThrowsProtocolErrorNamingIt()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Subscribe", "<Other>x</Other>"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.SubscribeAsync(SnsClients.TopicArn, "sqs", SnsClients.QueueArn));

        // Assert
        Assert.Equal("SNS answered Subscribe without <SubscriptionArn> in <SubscribeResult>.", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CreateTopicAsync_AnswerWithoutResult_ThrowsProtocolErrorNamingIt()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("CreateTopic", null));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.CreateTopicAsync("t"));

        // Assert
        Assert.Equal("SNS answered CreateTopic without <CreateTopicResult> in <CreateTopicResponse>.", error.Message);
    }

    [Fact]
    public async Task PublishAsync_SuccessThatIsNotXml_ThrowsProtocolError()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, "<html><body>gateway");
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.PublishAsync(SnsClients.TopicArn, "m"));

        // Assert
        Assert.Equal("SNS answered Publish with 200 and no XML.", error.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PublishAsync_AnswerOfAnotherAction_ThrowsProtocolError()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("CreateTopic", "<TopicArn>t</TopicArn>"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.PublishAsync(SnsClients.TopicArn, "m"));

        // Assert
        Assert.Equal("SNS answered Publish with <CreateTopicResponse>, not <PublishResponse>.", error.Message);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_MemberWithoutEndpoint_ThrowsProtocolErrorNamingIt()
    {
        // Arrange
        var member = "<member><Protocol>sqs</Protocol><SubscriptionArn>sub-1</SubscriptionArn></member>";
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage(null, member));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.ListSubscriptionsByTopicAsync(SnsClients.TopicArn));

        // Assert
        Assert.Equal("SNS answered ListSubscriptionsByTopic without <Endpoint> in <member>.", error.Message);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_ResultWithoutSubscriptions_ThrowsProtocolErrorNamingIt()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("ListSubscriptionsByTopic", ""));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.ListSubscriptionsByTopicAsync(SnsClients.TopicArn));

        // Assert
        Assert.Equal("SNS answered ListSubscriptionsByTopic without <Subscriptions> in <ListSubscriptionsByTopicResult>.", error.Message);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_SameNextTokenTwice_ThrowsInsteadOfPagingForever()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage("again", SnsClients.Member("sub-1", "queue-1")))
            .RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage("again", SnsClients.Member("sub-1", "queue-1")));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.ListSubscriptionsByTopicAsync(SnsClients.TopicArn));

        // Assert
        Assert.Contains("same NextToken", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Requests.Count);
    }
}
