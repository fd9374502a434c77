using System.Text.Json;
using System.Text.Json.Nodes;
using Telemetry.Functions.Events;

namespace Telemetry.Functions.Tests.Events;

public class KinesisEventJsonTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kinesis-event.json");

    [Fact]
    public void Serialize_DocumentedSampleEvent_RoundTripsEveryField()
    {
        var original = File.ReadAllText(FixturePath);

        var kinesisEvent = JsonSerializer.Deserialize(original, LambdaEventJsonContext.Default.KinesisEvent);
        var roundTripped = JsonSerializer.Serialize(kinesisEvent, LambdaEventJsonContext.Default.KinesisEvent);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(roundTripped)),
            $"Round trip changed the event:\n{roundTripped}");
    }

    [Fact]
    public void Deserialize_DocumentedTimeWindowEvent_MapsTheWindowStateAndFlags()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "kinesis-time-window-event.json"));

        var kinesisEvent = Assert.IsType<KinesisEvent>(JsonSerializer.Deserialize(json, LambdaEventJsonContext.Default.KinesisEvent));

        Assert.Equal(new DateTimeOffset(2020, 12, 9, 7, 4, 0, TimeSpan.Zero), kinesisEvent.Window!.Start);
        Assert.Equal(new DateTimeOffset(2020, 12, 9, 7, 6, 0, TimeSpan.Zero), kinesisEvent.Window.End);
        Assert.Equal(282, kinesisEvent.State!["1"].GetInt32());
        Assert.Equal("shardId-000000000006", kinesisEvent.ShardId);
        Assert.Equal("arn:aws:kinesis:us-east-1:123456789012:stream/lambda-stream", kinesisEvent.EventSourceArn);
        Assert.False(kinesisEvent.IsFinalInvokeForWindow);
        Assert.False(kinesisEvent.IsWindowTerminatedEarly);
        Assert.Single(kinesisEvent.Records);
    }

    [Fact]
    public void Serialize_TimeWindowResponse_CarriesStateBesideTheFailures()
    {
        var response = new StreamsEventResponse([]) { State = new Dictionary<string, string> { ["rollups"] = "H4sI" } };

        Assert.Equal("""{"batchItemFailures":[],"state":{"rollups":"H4sI"}}""", JsonSerializer.Serialize(response, LambdaEventJsonContext.Default.StreamsEventResponse));
    }

    [Fact]
    public void Deserialize_DocumentedSampleEvent_MapsKinesisFields()
    {
        var kinesisEvent = JsonSerializer.Deserialize(File.ReadAllText(FixturePath), LambdaEventJsonContext.Default.KinesisEvent);

        var first = Assert.IsType<KinesisEvent>(kinesisEvent).Records[0];
        Assert.Equal("49590338271490256608559692538361571095921575989136588898", first.Kinesis.SequenceNumber);
        Assert.Equal("shardId-000000000006:49590338271490256608559692538361571095921575989136588898", first.EventId);
        Assert.Equal("arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream", first.EventSourceArn);
        Assert.Equal(1545084650.987, first.Kinesis.ApproximateArrivalTimestamp);
        Assert.Equal("Hello, this is a test.", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(first.Kinesis.Data)));
    }

    [Fact]
    public void Serialize_BatchItemFailures_MatchesDocumentedShape()
    {
        var response = new StreamsEventResponse([new BatchItemFailure("4959")]);

        var json = JsonSerializer.Serialize(response, LambdaEventJsonContext.Default.StreamsEventResponse);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"4959"}]}""", json);
    }
}
