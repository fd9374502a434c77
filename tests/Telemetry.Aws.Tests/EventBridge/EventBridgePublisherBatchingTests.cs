using System.Net;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgePublisherBatchingTests
{
    [Fact]
    public async Task PublishAsync_TwentyFiveEntries_SendsCallsOfAtMostTenInInputOrder()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(10))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(10))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(5));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(25));

        // Assert
        Assert.Equal([10, 10, 5], handler.Requests.Select(r => EventBridgeClients.DetailTypes(r).Length));
        Assert.Equal(Enumerable.Range(0, 25).Select(n => $"Alert {n}"), handler.Requests.SelectMany(EventBridgeClients.DetailTypes));
        Assert.True(result.AllPublished);
        Assert.Equal(Enumerable.Range(0, 25), result.Outcomes.Select(o => o.Index));
    }

    [Fact]
    public async Task PublishAsync_EntriesTooBigTogether_SplitsCallsBySize()
    {
        // Arrange: each entry about 100 KB, so two fit in 256 KB and three do not.
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);
        var entries = Enumerable.Range(0, 5).Select(n => EventBridgeClients.Entry(n, Publishers.DetailOf(100_000))).ToArray();

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, entries);

        // Assert
        Assert.Equal([2, 2, 1], handler.Requests.Select(r => EventBridgeClients.DetailTypes(r).Length));
        Assert.True(result.AllPublished);
    }

    [Fact]
    public async Task PublishAsync_EntryExactlyAtTheLimit_IsSentInACallOfItsOwn()
    {
        // Arrange
        var handler = new FakeHttpHandler()
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1))
            .Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);
        var small = EventBridgeClients.Entry(0);
        var full = Publishers.EntryOfSize(1, PutEventsLimits.MaxBytesPerCall);

        // Act
        var result = await publisher.PublishAsync(EventBridgeClients.Bus, [small, full, small]);

        // Assert
        Assert.Equal(PutEventsLimits.MaxBytesPerCall, PutEventsLimits.EntrySize(full));
        Assert.Equal([1, 1, 1], handler.Requests.Select(r => EventBridgeClients.DetailTypes(r).Length));
        Assert.True(result.AllPublished);
    }

    [Fact]
    public async Task PublishAsync_OneEntryOverTheLimit_RefusesNamingItAndSendsNothing()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        using var client = EventBridgeClients.Create(handler);
        var publisher = Publishers.Create(client);
        var oversized = Publishers.EntryOfSize(2, PutEventsLimits.MaxBytesPerCall + 1);

        // Act
        var error = await Assert.ThrowsAsync<EventEntryTooLargeException>(
            () => publisher.PublishAsync(EventBridgeClients.Bus, [EventBridgeClients.Entry(0), EventBridgeClients.Entry(1), oversized]));

        // Assert
        Assert.Equal(2, error.Index);
        Assert.Equal(PutEventsLimits.MaxBytesPerCall + 1, error.Size);
        Assert.Contains("Event entry 2 (source 'telemetry.alerts', detail type 'Alert 2') is 262145 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
