using Amazon.SQS.Model;
using Telemetry.Aws.EventBridge;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Tests.Alerts;

// Through the project's own EventBridge client to the local bus, out through AWSSDK.SQS, as the alerter and a consumer will.
public sealed class LocalAlertDeliveryTests(LocalAlertStackFixture stack) : IClassFixture<LocalAlertStackFixture>
{
    private LocalAlertWiring Alerts => stack.State.Alerts ?? throw new InvalidOperationException("local up recorded no alert wiring");

    private Uri Moto => stack.State.Endpoint(EmulatorKind.Moto);

    [Fact]
    public async Task UpAsync_FreshStack_CreatesTheQueueWithItsDeadLetterQueueAndRecordsTheWiring()
    {
        var config = AlertsConfig.Read();
        using var sqs = LocalAws.Sqs(Moto);

        var attributes = await sqs.GetQueueAttributesAsync(Alerts.QueueUrl, ["RedrivePolicy", "MessageRetentionPeriod"]);

        Assert.EndsWith("/telemetry-alerts", Alerts.QueueUrl, StringComparison.Ordinal);
        Assert.EndsWith("/telemetry-alerts-dlq", Alerts.DeadLetterQueueUrl, StringComparison.Ordinal);
        Assert.Equal("telemetry", Alerts.BusName);
        Assert.EndsWith(":telemetry-alerts", Alerts.TopicArn, StringComparison.Ordinal);
        Assert.Contains(":telemetry-alerts-dlq", attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
        Assert.Contains($"\"maxReceiveCount\": {config.MaxReceiveCount}", attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
        Assert.Equal(config.MessageRetentionSeconds, attributes.MessageRetentionPeriod);
        Assert.Equal(Alerts, LocalStackState.Load(stack.DataDirectory)?.Alerts);
    }

    [Fact]
    public async Task PublishAsync_EveryAlertEventTypeOnTheLocalBus_ArrivesExactlyOnceInTheAlertQueue()
    {
        using var sqs = LocalAws.Sqs(Moto);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        using var client = LocalClients.EventBridge(Moto);
        var entries = AlertEventTypes.All.Select(type => new EventEntry(AlertEventTypes.Source, type, $$"""{"version":1,"episodeId":"once-{{type}}"}""")).ToArray();

        var result = await new EventBridgePublisher(client).PublishAsync(Alerts.BusName, entries);

        Assert.True(result.AllPublished);
        var received = await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        Assert.Equal(
            AlertEventTypes.All.Select(type => $"{AlertEventTypes.Source} {type} once-{type}").Order(StringComparer.Ordinal),
            received.Select(r => $"{r.Source} {r.DetailType} {r.EpisodeId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_OtherSourceOrUnknownDetailType_DoesNotReachTheAlertQueue()
    {
        using var sqs = LocalAws.Sqs(Moto);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        using var client = LocalClients.EventBridge(Moto);

        var result = await new EventBridgePublisher(client).PublishAsync(Alerts.BusName, [
            new EventEntry("someone.else", AlertEventTypes.AlertRaised, """{"episodeId":"foreign"}"""),
            new EventEntry(AlertEventTypes.Source, "AlertSnoozed", """{"episodeId":"unknown-type"}"""),
            new EventEntry(AlertEventTypes.Source, AlertEventTypes.AlertCleared, """{"episodeId":"marker"}"""),
        ]);

        Assert.True(result.AllPublished);
        var received = await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        Assert.Equal("marker", Assert.Single(received).EpisodeId);
    }

    [Fact]
    public async Task PublishAsync_MessageOnTheAlertTopic_ArrivesRawInTheAlertQueue()
    {
        using var sqs = LocalAws.Sqs(Moto);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        using var sns = LocalClients.Sns(Moto);

        await sns.PublishAsync(Alerts.TopicArn, """{"source":"telemetry.alerter","detail":{"episodeId":"via-topic"}}""");

        var received = Assert.Single(await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl));
        Assert.Equal("via-topic", received.EpisodeId);
    }

    [Fact]
    public async Task ReadAsync_OneAlertWaiting_CountsItAndNoDeadLetters()
    {
        using var sqs = LocalAws.Sqs(Moto);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        using var client = LocalClients.EventBridge(Moto);
        await client.PutEventsAsync(Alerts.BusName, [new EventEntry(AlertEventTypes.Source, AlertEventTypes.DeviceResumed, """{"episodeId":"counted"}""")]);

        var status = await AlertQueueStatus.ReadAsync(stack.State, CancellationToken.None);

        Assert.Equal(new AlertQueueStatus(Alerts.QueueUrl, 1, 0), status);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
    }

    [Fact]
    public async Task UpAsync_Again_KeepsMotoAndTheWiringAndStillDeliversOnce()
    {
        var moto = stack.State.Processes.Single(p => p.Kind == EmulatorKind.Moto);

        var again = await LocalStack.UpAsync(stack.Options);

        Assert.Equal(moto, again.Processes.Single(p => p.Kind == EmulatorKind.Moto));
        Assert.Equal(Alerts, again.Alerts);
        using var sqs = LocalAws.Sqs(Moto);
        await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl);
        using var client = LocalClients.EventBridge(Moto);
        await client.PutEventsAsync(Alerts.BusName, [new EventEntry(AlertEventTypes.Source, AlertEventTypes.DeviceSilent, """{"episodeId":"after-second-up"}""")]);
        Assert.Equal("after-second-up", Assert.Single(await AlertQueueReader.DrainAsync(sqs, Alerts.QueueUrl)).EpisodeId);
        var deadLetters = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Alerts.DeadLetterQueueUrl, WaitTimeSeconds = 0 });
        Assert.Empty(deadLetters.Messages ?? []);
    }
}
