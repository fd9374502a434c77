using System.Text.Json;
using Amazon.SQS.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Storage.Alerts;

namespace Telemetry.LocalService.Tests;

[Collection(nameof(LocalTestStack))]
public sealed class AlerterEndToEndTests
{
    // Device time is what the rules measure, so a 45-second overheat can be put on the stream at once.
    [Fact]
    public async Task Alerter_ThermostatOverheatsAndRecovers_RaisedAndClearedArriveOnceInTheAlertQueueAndTheHistory()
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 2);
        var state = stack.State;
        var device = $"thermostat-{Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        var temperatures = Enumerable.Range(0, 10).Select(i => (Seconds: i * 5, Value: 30.0)).Append((Seconds: 50, Value: 21.0)).ToList();
        var entries = temperatures
            .Select((t, i) => new Reading(ReadingSchema.CurrentVersion, device, "thermostat", "plant-a", start.AddSeconds(t.Seconds), i + 1, new Dictionary<string, double> { ["temperature"] = t.Value }, 7))
            .Select(r => new PutRecordsEntry(ReadingCodec.Encode(r), device))
            .ToList();
        using (var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis)))
        {
            // Twice, as a producer retrying after a lost answer would: the alert must still be raised and cleared once.
            Assert.Equal(0, (await kinesis.PutRecordsAsync(state.StreamName, entries)).FailedRecordCount);
            Assert.Equal(0, (await kinesis.PutRecordsAsync(state.StreamName, entries)).FailedRecordCount);
        }

        using var sqs = LocalAws.Sqs(state.Endpoint(EmulatorKind.Moto));
        var received = new List<JsonElement>();
        await Poll.UntilAsync(
            async () =>
            {
                var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = state.Alerts!.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                received.AddRange((page.Messages ?? []).Select(m => JsonDocument.Parse(m.Body).RootElement.Clone()));
                return received.Count;
            },
            count => count >= 2,
            TimeSpan.FromSeconds(60),
            "the alerter's events in the alert queue");

        // A queue promises no order: each type once, matched by type.
        var events = received.ToDictionary(e => e.GetProperty("detail-type").GetString()!, e => e.GetProperty("detail"));
        Assert.Equal([AlertEventTypes.AlertCleared, AlertEventTypes.AlertRaised], events.Keys.Order(StringComparer.Ordinal));
        Assert.All(events.Values, d => Assert.Equal("thermostat-overheat", d.GetProperty("ruleId").GetString()));
        Assert.Equal(ReadingCodec.FormatTimestamp(start.AddSeconds(30)), events[AlertEventTypes.AlertRaised].GetProperty("raisedAt").GetString());
        Assert.Equal(ReadingCodec.FormatTimestamp(start.AddSeconds(50)), events[AlertEventTypes.AlertCleared].GetProperty("endedAt").GetString());

        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        var history = await new AlertEpisodeReader(dynamo, state.TableName).QueryAsync(start.AddMinutes(-1), DateTimeOffset.UtcNow, CancellationToken.None);
        var episode = Assert.Single(history, h => h.Any.DeviceId == device);
        Assert.False(episode.IsOpen);
        var extra = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = state.Alerts!.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 2 });
        Assert.Empty(extra.Messages ?? []);
    }
}
