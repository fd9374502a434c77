using System.Net;
using Telemetry.Aws.Sns;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.Sns;

public class SnsClientErrorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task UnsubscribeAsync_NotFound_ThrowsTypedWithCodeMessageStatusAndRequestIdWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .RespondXml(HttpStatusCode.NotFound, SnsClients.Error("NotFound", "Subscription does not exist", "req-404"))
            .RespondXml(HttpStatusCode.OK, SnsClients.Answer("Unsubscribe", null));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsNotFoundException>(() => client.UnsubscribeAsync(SnsClients.SubscriptionArn));

        // Assert
        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Equal("NotFound: Subscription does not exist", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("req-404", error.RequestId);
        Assert.False(error.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SubscribeAsync_InvalidParameter_ThrowsTypedWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.BadRequest, SnsClients.Error("InvalidParameter", "Invalid parameter: SQS endpoint ARN"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsInvalidParameterException>(() => client.SubscribeAsync(SnsClients.TopicArn, "sqs", "not-an-arn"));

        // Assert
        Assert.Equal("InvalidParameter", error.ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CreateTopicAsync_AuthorizationError_ThrowsTypedWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.Forbidden, SnsClients.Error("AuthorizationError", "User is not authorized to perform: SNS:CreateTopic"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsAuthorizationException>(() => client.CreateTopicAsync("t"));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task SubscribeAsync_UnmappedClientError_ThrowsTheBaseExceptionWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.Forbidden, SnsClients.Error("SubscriptionLimitExceeded", "too many subscriptions"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.SubscribeAsync(SnsClients.TopicArn, "sqs", SnsClients.QueueArn));

        // Assert
        Assert.Equal(typeof(SnsException), error.GetType());
        Assert.Equal("SubscriptionLimitExceeded", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PublishAsync_ClientErrorWithoutXml_ClassifiesByStatusAndTakesTheRequestIdHeader()
    {
        // Arrange
        var handler = new FakeHttpHandler().RespondXml(HttpStatusCode.BadRequest, "<html>bad request</html", ("x-amzn-RequestId", "req-header"));
        using var client = SnsClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<SnsException>(() => client.PublishAsync(SnsClients.TopicArn, "m"));

        // Assert
        Assert.Equal("Unknown", error.ErrorCode);
        Assert.Equal("SNS answered 400 Unknown.", error.Message);
        Assert.Equal("req-header", error.RequestId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CreateTopicAsync_ThrottledTwice_RetriesAfterJitteredExponentialDelays()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .RespondXml(HttpStatusCode.BadRequest, SnsClients.Error("Throttling", "Rate exceeded"))
            .RespondXml(HttpStatusCode.BadRequest, SnsClients.Error("ThrottledException", "Rate exceeded"))
            .RespondXml(HttpStatusCode.OK, SnsClients.Answer("CreateTopic", $"<TopicArn>{SnsClients.TopicArn}</TopicArn>"));
        var time = new TimerRecordingTimeProvider();
        using var client = new SnsClient(SnsClients.Options(handler) with { TimeProvider = time, Jitter = new FixedRandom(0.5, 0.25) });

        // Act
        var call = client.CreateTopicAsync("telemetry-alerts");
        var firstDelay = await time.NextTimerAsync(Deadline);
        time.Advance(firstDelay);
        var secondDelay = await time.NextTimerAsync(Deadline);
        time.Advance(secondDelay);
        var topicArn = await call.WaitAsync(Deadline);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(50), firstDelay); // 0.5 × 100 ms × 2^0
        Assert.Equal(TimeSpan.FromMilliseconds(50), secondDelay); // 0.25 × 100 ms × 2^1
        Assert.Equal(SnsClients.TopicArn, topicArn);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task PublishAsync_ServerErrorThenTransportFailureThenSuccess_RetriesTheSameBody()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .RespondXml(HttpStatusCode.InternalServerError, SnsClients.Error("InternalError", "try again"))
            .Throw(new HttpRequestException("connection reset"))
            .RespondXml(HttpStatusCode.OK, SnsClients.Answer("Publish", "<MessageId>msg-1</MessageId>"));
        using var client = SnsClients.Create(handler);

        // Act
        var messageId = await client.PublishAsync(SnsClients.TopicArn, "alert");

        // Assert
        Assert.Equal("msg-1", messageId);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task UnsubscribeAsync_ThrottledPastMaxRetries_ThrowsThrottlingAfterOneCallMoreThanTheRetries()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.RespondXml(HttpStatusCode.BadRequest, SnsClients.Error("Throttling", "Rate exceeded"));
        }

        using var client = new SnsClient(SnsClients.Options(handler) with { MaxRetries = 2 });

        // Act
        var error = await Assert.ThrowsAsync<SnsThrottlingException>(() => client.UnsubscribeAsync(SnsClients.SubscriptionArn));

        // Assert
        Assert.True(error.IsRetryable);
        Assert.Equal(3, handler.Requests.Count);
    }
}
