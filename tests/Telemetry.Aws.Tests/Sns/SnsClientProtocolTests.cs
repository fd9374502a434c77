using System.Net;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Sns;

public class SnsClientProtocolTests
{
    [Fact]
    public async Task SubscribeAsync_QueueWithRawDelivery_PostsSignedFormWithActionVersionAndAttributeEntries()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Subscribe", $"<SubscriptionArn>{SnsClients.SubscriptionArn}</SubscriptionArn>"));
        using var client = SnsClients.Create(handler);

        // Act
        var subscriptionArn = await client.SubscribeAsync(SnsClients.TopicArn, "sqs", SnsClients.QueueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });

        // Assert
        Assert.Equal(SnsClients.SubscriptionArn, subscriptionArn);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(SnsClients.Endpoint, request.Uri);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{SnsClients.Region}/sns/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Action"] = "Subscribe",
                ["Version"] = "2010-03-31",
                ["TopicArn"] = SnsClients.TopicArn,
                ["Protocol"] = "sqs",
                ["Endpoint"] = SnsClients.QueueArn,
                ["ReturnSubscriptionArn"] = "true",
                ["Attributes.entry.1.key"] = "RawMessageDelivery",
                ["Attributes.entry.1.value"] = "true",
            },
            SnsClients.Form(request));
    }

    [Fact]
    public async Task SubscribeAsync_TwoAttributes_NumbersTheEntriesFromOne()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Subscribe", $"<SubscriptionArn>{SnsClients.SubscriptionArn}</SubscriptionArn>"));
        using var client = SnsClients.Create(handler);

        // Act
        await client.SubscribeAsync(SnsClients.TopicArn, "sqs", SnsClients.QueueArn, new Dictionary<string, string>
        {
            ["RawMessageDelivery"] = "true",
            ["FilterPolicy"] = """{"type":["AlertRaised"]}""",
        });

        // Assert
        var form = SnsClients.Form(Assert.Single(handler.Requests));
        Assert.Equal("FilterPolicy", form["Attributes.entry.2.key"]);
        Assert.Equal("""{"type":["AlertRaised"]}""", form["Attributes.entry.2.value"]);
        Assert.False(form.ContainsKey("Attributes.entry.3.key"));
    }

    [Fact]
    public async Task CreateTopicAsync_Answer_SendsTheNameAndReturnsTheTopicArn()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("CreateTopic", $"<TopicArn>{SnsClients.TopicArn}</TopicArn>"));
        using var client = SnsClients.Create(handler);

        // Act
        var topicArn = await client.CreateTopicAsync("telemetry-alerts");

        // Assert
        Assert.Equal(SnsClients.TopicArn, topicArn);
        var form = SnsClients.Form(Assert.Single(handler.Requests));
        Assert.Equal("CreateTopic", form["Action"]);
        Assert.Equal("telemetry-alerts", form["Name"]);
    }

    [Fact]
    public async Task PublishAsync_MessageWithSpacesAndReservedCharacters_PercentEncodesItAndReturnsTheMessageId()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Publish", "<MessageId>msg-1</MessageId>"));
        using var client = SnsClients.Create(handler);
        const string message = """{"detail":"a+b = c & d é"}""";

        // Act
        var messageId = await client.PublishAsync(SnsClients.TopicArn, message);

        // Assert
        Assert.Equal("msg-1", messageId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(message, SnsClients.Form(request)["Message"]);
        Assert.Contains("%20", request.Body, StringComparison.Ordinal);
        Assert.Contains("%2B", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsubscribeAsync_AnswerWithoutResult_SendsTheArnAndCompletes()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.Answer("Unsubscribe", null));
        using var client = SnsClients.Create(handler);

        // Act
        await client.UnsubscribeAsync(SnsClients.SubscriptionArn);

        // Assert
        var form = SnsClients.Form(Assert.Single(handler.Requests));
        Assert.Equal("Unsubscribe", form["Action"]);
        Assert.Equal(SnsClients.SubscriptionArn, form["SubscriptionArn"]);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_TwoPages_FollowsNextTokenAndReturnsEveryMember()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage("page-2", SnsClients.Member("sub-1", "queue-1"), SnsClients.Member("sub-2", "a@example.com", "email")))
            .RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage(null, SnsClients.Member("sub-3", "queue-3")));
        using var client = SnsClients.Create(handler);

        // Act
        var subscriptions = await client.ListSubscriptionsByTopicAsync(SnsClients.TopicArn);

        // Assert
        Assert.Equal(
            ["sub-1 sqs queue-1", "sub-2 email a@example.com", "sub-3 sqs queue-3"],
            subscriptions.Select(s => $"{s.SubscriptionArn} {s.Protocol} {s.Endpoint}"));
        var (first, second) = (SnsClients.Form(handler.Requests[0]), SnsClients.Form(handler.Requests[1]));
        Assert.False(first.ContainsKey("NextToken"));
        Assert.Equal("page-2", second["NextToken"]);
        Assert.Equal(SnsClients.TopicArn, second["TopicArn"]);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_EmptyList_ReturnsNone()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.OK, SnsClients.SubscriptionsPage(null));
        using var client = SnsClients.Create(handler);

        // Act
        var subscriptions = await client.ListSubscriptionsByTopicAsync(SnsClients.TopicArn);

        // Assert
        Assert.Empty(subscriptions);
        Assert.Single(handler.Requests);
    }
}
