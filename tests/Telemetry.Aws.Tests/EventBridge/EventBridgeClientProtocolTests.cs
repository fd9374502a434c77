using System.Net;
using System.Text.Json;
using Telemetry.Aws.EventBridge;
using Telemetry.Aws.Tests.Support;

namespace Telemetry.Aws.Tests.EventBridge;

public class EventBridgeClientProtocolTests
{
    [Fact]
    public async Task PutEventsAsync_Always_SendsSignedJson11PostWithPutEventsTarget()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);

        // Act
        await client.PutEventsAsync(EventBridgeClients.Bus, [EventBridgeClients.Entry(0)]);

        // Assert
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(EventBridgeClients.Endpoint, request.Uri);
        Assert.Equal("AWSEvents.PutEvents", request.Target);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization, StringComparison.Ordinal);
        Assert.Contains($"/{EventBridgeClients.Region}/events/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("x-amz-target", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutEventsAsync_EntryWithTimeAndResources_WritesEveryFieldAndTheBus()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(2));
        using var client = EventBridgeClients.Create(handler);
        var timed = new EventEntry("telemetry.alerts", "ThresholdCrossed", """{"device":"thermostat-0001","value":31.5}""")
        {
            Time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_547_200_250),
            Resources = ["arn:aws:iot:eu-west-1:1:thing/thermostat-0001"],
        };

        // Act
        await client.PutEventsAsync(EventBridgeClients.Bus, [timed, EventBridgeClients.Entry(1)]);

        // Assert
        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body);
        var entries = body.RootElement.GetProperty("Entries");
        Assert.Equal(2, entries.GetArrayLength());
        var first = entries[0];
        Assert.Equal("telemetry.alerts", first.GetProperty("Source").GetString());
        Assert.Equal("ThresholdCrossed", first.GetProperty("DetailType").GetString());
        Assert.Equal("""{"device":"thermostat-0001","value":31.5}""", first.GetProperty("Detail").GetString());
        Assert.Equal(EventBridgeClients.Bus, first.GetProperty("EventBusName").GetString());
        Assert.Equal(1_764_547_200.25m, first.GetProperty("Time").GetDecimal());
        Assert.Equal("arn:aws:iot:eu-west-1:1:thing/thermostat-0001", first.GetProperty("Resources")[0].GetString());
        Assert.False(entries[1].TryGetProperty("Time", out _));
        Assert.False(entries[1].TryGetProperty("Resources", out _));
        Assert.Equal(EventBridgeClients.Bus, entries[1].GetProperty("EventBusName").GetString());
    }

    [Fact]
    public async Task PutEventsAsync_PerEntryFailure_ReturnsEachAnswerInOrder()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.Answer(null, "ThrottlingException", null));
        using var client = EventBridgeClients.Create(handler);

        // Act
        var result = await client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(3));

        // Assert
        Assert.Equal(1, result.FailedEntryCount);
        Assert.Equal([true, false, true], result.Entries.Select(e => e.Succeeded));
        Assert.Equal("id-0", result.Entries[0].EventId);
        Assert.Equal("ThrottlingException", result.Entries[1].ErrorCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PutEventsAsync_ElevenEntries_RefusesWithoutSending()
    {
        // Arrange
        var handler = new FakeHttpHandler();
        using var client = EventBridgeClients.Create(handler);

        // Act
        var act = () => client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(11));

        // Assert
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(act);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task PutEventsAsync_AnswerShorterThanRequest_ThrowsRatherThanMisattributing()
    {
        // Arrange
        var handler = new FakeHttpHandler().Respond(HttpStatusCode.OK, EventBridgeClients.AllPublished(1));
        using var client = EventBridgeClients.Create(handler);

        // Act
        var error = await Assert.ThrowsAsync<EventBridgeException>(() => client.PutEventsAsync(EventBridgeClients.Bus, EventBridgeClients.Entries(2)));

        // Assert
        Assert.Contains("1 entries for 2 sent", error.Message, StringComparison.Ordinal);
    }
}
