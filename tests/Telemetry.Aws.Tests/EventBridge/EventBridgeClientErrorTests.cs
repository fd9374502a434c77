using System.Net;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgeClientErrorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PutEventsAsync_WholeCallThrottledTwice_RetriesAfterJitteredExponentialDelays()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}""")
            .Respond(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.events#ThrottlingException"}""")
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        var time = new TimerRecordingTimeProvider();
        using var client = new EventBridgeClient(EventBridgeClients.Options(handler) with { TimeProvider = time, Jitter = new FixedRandom(0.5, 0.25) });

        // Act
        var call = client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1));
        var firstDelay = await time.NextTimerAsync(Deadline);
        time.Advance(firstDelay);
        var secondDelay = await time.NextTimerAsync(Deadline);
        time.Advance(secondDelay);
        var result = await call.WaitAsync(Deadline);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(50), firstDelay); // 0.5 × 100 ms × 2^0
        Assert.Equal(TimeSpan.FromMilliseconds(50), secondDelay); // 0.25 × 100 ms × 2^1
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("id-0", Assert.Single(result.Entries).EventId);
    }

    [Fact]
    public async Task PutEventsAsync_ServerErrorThenTransportFailureThenSuccess_RetriesTheSameBody()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.ServiceUnavailable, "<html>busy</html>")
            .Throw(new HttpRequestException("connection reset"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);

        // Act
        var result = await client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1));

        // Assert
        Assert.True(Assert.Single(result.Entries).Succeeded);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task PutEventsAsync_ValidationException_ThrowsTypedAndDoesNotRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"1 validation error detected"}""")
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<EventBridgeValidationException>(() => client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1)));

        // Assert
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PutEventsAsync_BusMissing_ThrowsResourceNotFoundWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(
            HttpStatusCode.BadRequest,
            """{"message":"Event bus telemetry-alerts does not exist."}""",
            ("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.events/"),
            ("x-amzn-RequestId", "req-1"));
        using var client = EventBridgeClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<EventBridgeResourceNotFoundException>(() => client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1)));

        // Assert
        Assert.Equal("ResourceNotFoundException: Event bus telemetry-alerts does not exist.", error.Message);
        Assert.Equal("req-1", error.RequestId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PutEventsAsync_AccessDenied_ThrowsTypedWithoutRetry()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","Message":"not authorized"}""");
        using var client = EventBridgeClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<EventBridgeAccessDeniedException>(() => client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1)));

        // Assert
        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Single(handler.Requests);
    }
}
