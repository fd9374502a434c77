using Telemetry.Cli.Commands.Alerts;
using Telemetry.Cli.Tests.Redrive;
using Telemetry.Contracts.Alerts;
using Telemetry.Local.Emulators;

namespace Telemetry.Cli.Tests.Alerts;

// The AWS path of a subscriber, on moto's SNS and SQS: subscribed raw to the topic, fed, and unsubscribed afterwards.
public sealed class SnsTopicSubscriberMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task AlertFeed_OnTheTopic_ReceivesWhatIsPublishedAndLeavesNoSubscription()
    {
        using var sns = LocalClients.Sns(moto.Moto.Endpoint);
        var topicArn = await sns.CreateTopicAsync($"alerts-{Guid.NewGuid().ToString("N")[..8]}");
        var subscriber = new SnsTopicSubscriber(sns, topicArn);
        var alert = new AlertEvent(AlertEventTypes.DeviceSilent, "ep-sns", "vibration-0001", "vibration", "site-a", DateTimeOffset.Parse("2026-12-01T10:00:00Z"))
        {
            LastSeenAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z"),
            SilentAfter = TimeSpan.FromMinutes(1),
        };
        var feed = await AlertFeed.OpenAsync(moto.Sqs, subscriber, "telemetry-alerts", "test", TimeProvider.System, _ => { }, default);
        var queueArn = (await moto.Sqs.GetQueueAttributesAsync(feed.QueueUrl, ["QueueArn"])).QueueARN;

        await sns.PublishAsync(topicArn, $$"""{"version":"0","detail-type":"DeviceSilent","source":"telemetry.alerter","time":"2026-12-01T10:01:15Z","detail":{{AlertEventCodec.EncodeDetail(alert)}}}""");
        var received = await Poll.UntilAsync(() => feed.NextAsync(TimeSpan.FromSeconds(1), default), r => r.Count > 0, TimeSpan.FromSeconds(30), "the topic to deliver to the feed's queue");
        var subscribed = await subscriber.AttachmentsOfAsync(queueArn, default);
        await feed.DisposeAsync();

        Assert.Equal([alert], received);
        Assert.Single(subscribed);
        Assert.Empty(await subscriber.AttachmentsOfAsync(queueArn, default));
        Assert.DoesNotContain(feed.QueueUrl, (await moto.Sqs.ListQueuesAsync("telemetry-alerts")).QueueUrls ?? []);
    }
}
