using System.Text.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.EventBridge;
using Telemetry.Contracts;
using Telemetry.Contracts.Alerts;
using Telemetry.Functions;
using Telemetry.Functions.Events;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;
using Telemetry.Processing.Alerts;
using Telemetry.Storage;
using Telemetry.Storage.Alerts;

namespace Telemetry.LocalService.Tests;

[Collection(nameof(LocalTestStack))]
public sealed class WatchdogEndToEndTests
{
    // The watchdog as the service runs it, on the stack's dynalite and moto, with the clock moved by hand.
    [Fact]
    public async Task Handle_DeviceQuietPastItsThresholdThenHeardAgain_SilentAndResumedOnceInTheAlertQueue()
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 1);
        var state = stack.State;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        using var events = new EventBridgeClient(new EventBridgeClientOptions { ServiceUrl = state.Endpoint(EmulatorKind.Moto), Region = LocalAws.Region, Credentials = LocalAws.Credentials });
        var settings = new AlerterSettings(state.TableName, state.Alerts!.BusName, Path.Combine(LocalToolsFolder.RepoRoot, "config", AlerterSettings.RulesFileName));
        var watchdog = new WatchdogFunction(dynamo, events, settings, clock);
        var seen = new SeenStore(dynamo, state.TableName);
        var device = $"thermostat-{Guid.NewGuid():N}";
        await seen.RecordAsync([new SeenUpdate(device, "thermostat", "plant-a", clock.GetUtcNow(), clock.GetUtcNow())], CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(3));
        var silent = await RunAsync(watchdog);
        var quietStill = await RunAsync(watchdog);
        await seen.RecordAsync([new SeenUpdate(device, "thermostat", "plant-a", clock.GetUtcNow(), clock.GetUtcNow())], CancellationToken.None);
        var resumed = await RunAsync(watchdog);

        Assert.Equal((1, 0, 0), (silent.GetProperty("silent").GetInt32(), quietStill.GetProperty("silent").GetInt32(), resumed.GetProperty("silent").GetInt32()));
        Assert.Equal(1, resumed.GetProperty("resumed").GetInt32());
        using var sqs = LocalAws.Sqs(state.Endpoint(EmulatorKind.Moto));
        var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = state.Alerts.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        var types = (page.Messages ?? []).Select(m => JsonDocument.Parse(m.Body).RootElement)
            .Where(e => e.GetProperty("detail").GetProperty("deviceId").GetString() == device)
            .Select(e => e.GetProperty("detail-type").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal([AlertEventTypes.DeviceResumed, AlertEventTypes.DeviceSilent], types);
    }

    // A silence longer than threshold + lag that ended before any watchdog run: the alerter finds it when the device
    // is back, and the next run publishes what it found. Arrival times are put in the event by hand, as Kinesis
    // stamps them, so that the three-minute silence takes no time.
    [Fact]
    public async Task Handle_DeviceBackBeforeAnyWatchdogRunSawItSilent_SilentAndResumedOnceInTheAlertQueue()
    {
        await using var stack = await LocalTestStack.UpAsync(shards: 1);
        var state = stack.State;
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now.AddMinutes(-4));
        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        using var events = new EventBridgeClient(new EventBridgeClientOptions { ServiceUrl = state.Endpoint(EmulatorKind.Moto), Region = LocalAws.Region, Credentials = LocalAws.Credentials });
        var settings = new AlerterSettings(state.TableName, state.Alerts!.BusName, Path.Combine(LocalToolsFolder.RepoRoot, "config", AlerterSettings.RulesFileName));
        var alerter = new AlerterFunction(dynamo, events, settings, clock);
        var device = $"thermostat-{Guid.NewGuid():N}";

        await InvokeAsync(alerter, Arrived(device, 1, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(3));
        await InvokeAsync(alerter, Arrived(device, 2, clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        var run = await RunAsync(new WatchdogFunction(dynamo, events, settings, clock));

        Assert.Equal((0, 0), (run.GetProperty("silent").GetInt32(), run.GetProperty("resumed").GetInt32()));
        using var sqs = LocalAws.Sqs(state.Endpoint(EmulatorKind.Moto));
        var received = new List<JsonElement>();
        await Poll.UntilAsync(
            async () =>
            {
                var page = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = state.Alerts.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                received.AddRange((page.Messages ?? []).Select(m => JsonDocument.Parse(m.Body).RootElement.Clone()));
                return received.Count(e => e.GetProperty("detail").GetProperty("deviceId").GetString() == device);
            },
            count => count >= 2,
            TimeSpan.FromSeconds(30),
            "the silence's events in the alert queue");

        // The service's own watchdog may publish the same outbox too: subscribers drop repeats by (episode, type).
        var transitions = received.Where(e => e.GetProperty("detail").GetProperty("deviceId").GetString() == device)
            .Select(e => (Type: e.GetProperty("detail-type").GetString()!, Episode: e.GetProperty("detail").GetProperty("episodeId").GetString()!))
            .Distinct()
            .ToList();
        Assert.Equal([AlertEventTypes.DeviceResumed, AlertEventTypes.DeviceSilent], transitions.Select(t => t.Type).Order(StringComparer.Ordinal));
        Assert.Single(transitions.Select(t => t.Episode).Distinct());
    }

    // One reading of `device` as the event source mapping would deliver it, stamped as having arrived at `arrival`.
    private static KinesisEvent Arrived(string device, long sequence, DateTimeOffset arrival)
    {
        var reading = new Reading(ReadingSchema.CurrentVersion, device, "thermostat", "plant-a", arrival, sequence, new Dictionary<string, double> { ["temperature"] = 21 }, 1);
        var sequenceNumber = $"4959{sequence:D20}";
        return new KinesisEvent(
        [
            new KinesisEventRecord(
                new KinesisData("1.0", device, sequenceNumber, Convert.ToBase64String(ReadingCodec.Encode(reading)), arrival.ToUnixTimeMilliseconds() / 1000.0),
                "aws:kinesis",
                "1.0",
                $"shardId-000000000000:{sequenceNumber}",
                "aws:kinesis:record",
                "arn:aws:iam::000000000000:role/telemetry-alerter",
                LocalAws.Region,
                "arn:aws:kinesis:us-east-1:000000000000:stream/telemetry"),
        ]);
    }

    private static async Task InvokeAsync(AlerterFunction alerter, KinesisEvent kinesisEvent)
    {
        await using var output = await alerter.Handle(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(kinesisEvent, LambdaEventJsonContext.Default.KinesisEvent)));
        var response = await JsonSerializer.DeserializeAsync(output, LambdaEventJsonContext.Default.StreamsEventResponse);
        Assert.Empty(response!.BatchItemFailures);
    }

    private static async Task<JsonElement> RunAsync(WatchdogFunction watchdog)
    {
        await using var output = await watchdog.Handle(new MemoryStream("{}"u8.ToArray()));
        return (await JsonDocument.ParseAsync(output)).RootElement.Clone();
    }
}
