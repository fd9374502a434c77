using System.Globalization;
using Amazon.SQS.Model;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Aws.EventBridge;
using Telemetry.Cli.Commands.Alerts;
using Telemetry.Cli.Tests.Redrive;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Tests.Alerts;

// A subscriber's own queue on the local fan-out (moto): attached, fed, de-duplicated, and gone afterwards.
public sealed class AlertFeedMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static readonly AlertsConfig Config = AlertsConfig.Read();

    [Fact]
    public async Task NextAsync_EventsPublishedTwice_HandsEachTransitionOutOnce()
    {
        var (wiring, subscriber) = await WireAsync();
        var warnings = new List<string>();
        await using var feed = await AlertFeed.OpenAsync(moto.Sqs, subscriber, Config.QueueName, "test", TimeProvider.System, warnings.Add, default);
        var raised = Alert(AlertEventTypes.AlertRaised, "ep-twice");
        var cleared = Alert(AlertEventTypes.AlertCleared, "ep-twice");

        await PublishAsync(wiring, raised, cleared, raised);

        var received = await Poll.UntilAsync(
            async () => await DrainAsync(feed),
            events => events.Count >= 2,
            TimeSpan.FromSeconds(30),
            "the rule to deliver to the feed's queue");
        Assert.Equal([raised, cleared], received.OrderBy(e => e.DetailType, StringComparer.Ordinal).Reverse());
        Assert.Empty(await feed.NextAsync(TimeSpan.Zero, default));
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task NextAsync_MessageThatIsNotAnAlert_IsReportedAndDropped()
    {
        var (_, subscriber) = await WireAsync();
        var warnings = new List<string>();
        await using var feed = await AlertFeed.OpenAsync(moto.Sqs, subscriber, Config.QueueName, "test", TimeProvider.System, warnings.Add, default);
        await moto.Sqs.SendMessageAsync(feed.QueueUrl, "garbage");

        var received = await feed.NextAsync(TimeSpan.FromSeconds(5), default);

        Assert.Empty(received);
        Assert.Contains(warnings, w => w.Contains("not an alert event", StringComparison.Ordinal));
        Assert.Empty((await moto.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = feed.QueueUrl, WaitTimeSeconds = 0 })).Messages ?? []);
    }

    [Fact]
    public async Task DisposeAsync_OpenFeed_RemovesItsQueueAndItsTarget()
    {
        var (wiring, subscriber) = await WireAsync();
        var feed = await AlertFeed.OpenAsync(moto.Sqs, subscriber, Config.QueueName, "test", TimeProvider.System, _ => { }, default);
        var arn = (await moto.Sqs.GetQueueAttributesAsync(feed.QueueUrl, ["QueueArn"])).QueueARN;
        Assert.Single(await Targets(wiring).TargetsOfAsync(arn, default));

        await feed.DisposeAsync();

        Assert.Empty(await Targets(wiring).TargetsOfAsync(arn, default));
        Assert.DoesNotContain(feed.QueueUrl, (await moto.Sqs.ListQueuesAsync(Config.QueueName)).QueueUrls ?? []);
    }

    [Fact]
    public async Task OpenAsync_QueueOfAKilledSubscriber_RemovesItWithItsTarget()
    {
        var (wiring, subscriber) = await WireAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var deadName = $"{Config.QueueName}-sub-dead-{Guid.NewGuid().ToString("N")[..8]}";
        var deadUrl = (await moto.Sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = deadName,
            Tags = new() { [AlertFeed.HeartbeatTag] = clock.GetUtcNow().Add(-AlertFeed.LeftoverAfter).AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
        })).QueueUrl;
        var deadArn = (await moto.Sqs.GetQueueAttributesAsync(deadUrl, ["QueueArn"])).QueueARN;
        await subscriber.AttachAsync(deadName, deadArn, default);
        var warnings = new List<string>();

        await using var feed = await AlertFeed.OpenAsync(moto.Sqs, subscriber, Config.QueueName, "test", clock, warnings.Add, default);

        Assert.DoesNotContain(deadUrl, (await moto.Sqs.ListQueuesAsync(Config.QueueName)).QueueUrls ?? []);
        Assert.Empty(await Targets(wiring).TargetsOfAsync(deadArn, default));
        Assert.Contains(warnings, w => w.Contains(deadName, StringComparison.Ordinal));
        Assert.Contains(feed.QueueUrl, (await moto.Sqs.ListQueuesAsync(Config.QueueName)).QueueUrls ?? []);
    }

    private async Task<(LocalAlertWiring Wiring, LocalRuleSubscriber Subscriber)> WireAsync()
    {
        var wiring = await new LocalAlerts(moto.Moto.Endpoint, "telemetry", Config).EnsureCreatedAsync(default);
        return (wiring, new LocalRuleSubscriber(Targets(wiring), wiring.RuleName));
    }

    private LocalAlertTargets Targets(LocalAlertWiring wiring) => new(moto.Moto.Endpoint, wiring);

    private async Task PublishAsync(LocalAlertWiring wiring, params AlertEvent[] alerts)
    {
        using var client = LocalClients.EventBridge(moto.Moto.Endpoint);
        var result = await new EventBridgePublisher(client).PublishAsync(
            wiring.BusName, [.. alerts.Select(a => new EventEntry(AlertEventTypes.Source, a.DetailType, AlertEventCodec.EncodeDetail(a)))]);
        Assert.True(result.AllPublished);
    }

    private static async Task<List<AlertEvent>> DrainAsync(AlertFeed feed)
    {
        var all = new List<AlertEvent>();
        while (await feed.NextAsync(TimeSpan.FromSeconds(1), default) is { Count: > 0 } some)
        {
            all.AddRange(some);
        }

        return all;
    }

    private static AlertEvent Alert(string detailType, string episode) =>
        new(detailType, episode, "thermostat-0001", "thermostat", "site-a", DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture));
}
