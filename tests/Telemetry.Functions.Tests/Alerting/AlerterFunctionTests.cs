using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Contracts.Alerts;
using Telemetry.Functions.Events;
using Telemetry.Functions.Tests.Support;
using Telemetry.Processing.Alerts;
using Telemetry.Processing.Tests.Fakes;
using Telemetry.Storage;
using static Telemetry.Storage.Tests.Support.TestReadings;

namespace Telemetry.Functions.Tests.Alerting;

public sealed class AlerterFunctionTests
{
    private static readonly DateTimeOffset TenOClock = Now.AddMinutes(-30);
    private readonly InMemoryAlertStateStore states = new();
    private readonly RecordingAlertPublisher publisher = new();
    private readonly InMemoryRejectedStore rejected = new();

    // The shipped rules file, as the function reads it next to its assembly.
    private AlerterFunction NewFunction() =>
        new(new AlerterSettings("in-memory", "telemetry-alerts", Path.Combine(AppContext.BaseDirectory, AlerterSettings.RulesFileName)).LoadRules(),
            states, new InMemoryEpisodeLog(), publisher, new InMemorySeenStore(), rejected, new FakeTimeProvider(Now), TimeSpan.FromSeconds(15));

    private static async Task<StreamsEventResponse> InvokeAsync(AlerterFunction function, KinesisEvent kinesisEvent)
    {
        using var input = KinesisEventBuilder.ToStream(kinesisEvent);
        await using var output = await function.Handle(input);
        return await JsonSerializer.DeserializeAsync(output, LambdaEventJsonContext.Default.StreamsEventResponse)
            ?? throw new InvalidOperationException("The function returned null.");
    }

    // A thermostat at 30 °C for 40 s, then back to 21 °C: the shipped thermostat-overheat rule (above 28 for 30 s, clear below 26).
    private static KinesisEvent Overheat(string device)
    {
        var builder = new KinesisEventBuilder(KinesisEventBuilder.NewShardId());
        for (var second = 0; second <= 40; second += 5)
        {
            builder.Add(At(device, TenOClock.AddSeconds(second), second / 5 + 1, ("temperature", 30)) with { DeviceType = "thermostat" });
        }

        return builder.Add(At(device, TenOClock.AddSeconds(45), 10, ("temperature", 21)) with { DeviceType = "thermostat" }).Build();
    }

    [Fact]
    public async Task Handle_ThermostatOverheatsAndRecovers_PublishesRaisedAndClearedFromTheShippedRules()
    {
        var device = NewDeviceId();

        var response = await InvokeAsync(NewFunction(), Overheat(device));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal([AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared], publisher.Published.Select(e => e.DetailType));
        var raised = publisher.Published[0];
        Assert.Equal(("thermostat-overheat", device, TenOClock, TenOClock.AddSeconds(30)), (raised.RuleId, raised.DeviceId, raised.StartedAt, raised.RaisedAt!.Value));
    }

    [Fact]
    public async Task Handle_PublishFails_ReportsTheDevicesFirstRecordAndTheRetryPublishesOnce()
    {
        var device = NewDeviceId();
        var kinesisEvent = Overheat(device);
        publisher.FailNext = 1;

        var failed = await InvokeAsync(NewFunction(), kinesisEvent);
        var retried = await InvokeAsync(NewFunction(), kinesisEvent);

        Assert.Equal(kinesisEvent.Records[0].Kinesis.SequenceNumber, Assert.Single(failed.BatchItemFailures).ItemIdentifier);
        Assert.Empty(retried.BatchItemFailures);
        Assert.Equal([AlertEventTypes.AlertRaised, AlertEventTypes.AlertCleared], publisher.Published.Select(e => e.DetailType));
    }
}
