using System.Text.Json;
using Amazon.SQS.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.EventBridge;
using Telemetry.Contracts.Alerts;
using Telemetry.Functions;
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

    private static async Task<JsonElement> RunAsync(WatchdogFunction watchdog)
    {
        await using var output = await watchdog.Handle(new MemoryStream("{}"u8.ToArray()));
        return (await JsonDocument.ParseAsync(output)).RootElement.Clone();
    }
}
