using System.Net;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgePublisherRetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PublishAsync_PartialFailures_ResendsOnlyTheFailedEntriesUntilPublished()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer(null, "ThrottlingException", "InternalFailure", null))
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer(null, "ThrottlingException"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer((string?)null));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(4));

        // Assert
        Assert.Equal(
            [["Alert 0", "Alert 1", "Alert 2", "Alert 3"], ["Alert 1", "Alert 2"], ["Alert 2"]],
            handler.Requests.Select(EventBridgeClients.DetailTypes));
        Assert.True(result.AllPublished);
        Assert.Equal([1, 2, 3, 1], result.Outcomes.Select(o => o.Attempts));
        Assert.All(result.Outcomes, o => Assert.NotNull(o.EventId));
    }

    [Fact]
    public async Task PublishAsync_NonRetryableEntryErrors_ReportsThemInInputOrderAndNeverResends()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer("MalformedDetail", null, "InvalidArgument", "ThrottlingException"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer((string?)null));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(4));

        // Assert
        Assert.Equal(["Alert 3"], EventBridgeClients.DetailTypes(handler.Requests[1]));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([false, true, false, true], result.Outcomes.Select(o => o.IsPublished));
        var failed = result.Failed.ToArray();
        Assert.Equal([0, 2], failed.Select(o => o.Index));
        Assert.Equal(["MalformedDetail", "InvalidArgument"], failed.Select(o => o.ErrorCode));
        Assert.Equal("MalformedDetail for entry 0", failed[0].ErrorMessage);
        Assert.Equal([1, 1], failed.Select(o => o.Attempts));
    }

    [Fact]
    public async Task PublishAsync_EntryThrottledOnEveryAttempt_ReportsItFailedAfterMaxAttempts()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 3; i++)
        {
            handler.Respond(HttpStatusCode.OK, EventBridgeClients.Answer("ThrottlingException"));
        }

        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client, maxAttempts: 3);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1));

        // Assert
        var outcome = Assert.Single(result.Failed);
        Assert.Equal("ThrottlingException", outcome.ErrorCode);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task PublishAsync_EntryRetries_WaitJitteredExponentialDelaysOnTheInjectedClock()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer("ThrottlingException"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer("InternalFailure"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.Answer((string?)null));
        using var client = EventBridgeClients.Create(handler);
        var time = new TimerRecordingTimeProvider();
        var publisher = new EventBridgePublisher(client, new EventBridgePublisherOptions { TimeProvider = time, Jitter = new FixedRandom(1.0, 0.5) });

        // Act
        var call = publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(1));
        var firstDelay = await time.NextTimerAsync(Deadline);
        time.Advance(firstDelay - TimeSpan.FromTicks(1));
        var requestsBeforeDue = handler.Requests.Count;
        time.Advance(TimeSpan.FromTicks(1));
        var secondDelay = await time.NextTimerAsync(Deadline);
        time.Advance(secondDelay);
        var result = await call.WaitAsync(Deadline);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(100), firstDelay); // 1.0 × 100 ms × 2^0
        Assert.Equal(TimeSpan.FromMilliseconds(100), secondDelay); // 0.5 × 100 ms × 2^1
        Assert.Equal(1, requestsBeforeDue);
        Assert.True(result.AllPublished);
    }

    [Fact]
    public async Task PublishAsync_WholeCallThrottledBeyondClientRetries_ResendsTheCallsEntries()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException"}""")
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2));
        using var client = new EventBridgeClient(EventBridgeClients.Options(handler) with { MaxRetries = 0 });
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(2));

        // Assert
        Assert.True(result.AllPublished);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([2, 2], result.Outcomes.Select(o => o.Attempts));
    }

    [Fact]
    public async Task PublishAsync_WholeCallValidationError_FailsThatCallsEntriesWithoutRetryAndSendsTheRest()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"Value at 'entries.3.member.source' failed"}""")
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(12));

        // Assert
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(Enumerable.Repeat(false, 10).Concat([true, true]), result.Outcomes.Select(o => o.IsPublished));
        Assert.All(result.Failed, o => Assert.Equal("ValidationException", o.ErrorCode));
        Assert.Contains("entries.3.member.source", result.Failed.First().ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_BusMissing_ReportsEveryEntryFailedWithResourceNotFound()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.BadRequest, """{"__type":"ResourceNotFoundException","message":"Event bus nope does not exist."}""");
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync("nope", EventBridgeClients.Entries(3));

        // Assert
        Assert.Single(handler.Requests);
        Assert.Empty(result.Published);
        Assert.All(result.Outcomes, o => Assert.Equal("ResourceNotFoundException", o.ErrorCode));
    }

    [Fact]
    public async Task PublishAsync_ConnectionLostBeyondClientRetries_ResendsTheCallsEntries()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Throw(new HttpRequestException("connection reset"))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2));
        using var client = new EventBridgeClient(EventBridgeClients.Options(handler) with { MaxRetries = 0 });
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(2));

        // Assert
        Assert.True(result.AllPublished);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ThrowIfAnyFailed_SomeEntriesFailed_ThrowsListingEachWithItsCode()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.Answer(null, "MalformedDetail", null));
        using var client = EventBridgeClients.Create(handler);
        var result = await Publishers.Create(client).PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(3));

        // Act
        var error = Assert.Throws<EventsNotPublishedException>(result.ThrowIfAnyFailed);

        // Assert
        Assert.Equal(1, Assert.Single(error.Failed).Index);
        Assert.Equal("1 event(s) not published: entry 1 (Alert 1): MalformedDetail MalformedDetail for entry 1.", error.Message);
    }
}
