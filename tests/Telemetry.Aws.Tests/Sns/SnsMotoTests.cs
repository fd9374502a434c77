using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Telemetry.Aws.Sns;
using Telemetry.Aws.Tests.Support;
using Telemetry.Local.Emulators;

namespace Telemetry.Aws.Tests.Sns;

// The client against an implementation no one here wrote: moto's SNS, delivering to moto's SQS.
public sealed class SnsMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static readonly Dictionary<string, string> RawDelivery = new() { ["RawMessageDelivery"] = "true" };

    [Fact]
    public async Task PublishAsync_QueueSubscribedWithRawDelivery_MessageArrivesRawInTheQueue()
    {
        using var sqs = LocalAws.Sqs(moto.Endpoint);
        var (queueUrl, queueArn) = await CreateQueueAsync(sqs, "tail-raw");
        using var client = Client();
        var topicArn = await client.CreateTopicAsync("alerts-raw");
        await client.SubscribeAsync(topicArn, "sqs", queueArn, RawDelivery);
        const string alert = """{"source":"telemetry.alerter","detail":{"episodeId":"e 1 + é"}}""";

        var messageId = await client.PublishAsync(topicArn, alert);

        Assert.False(string.IsNullOrWhiteSpace(messageId));
        var received = await Poll.UntilAsync(
            async () => (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 0 })).Messages ?? [],
            messages => messages.Count > 0,
            TimeSpan.FromSeconds(30),
            "the topic to deliver the published alert to the queue");
        Assert.Equal(alert, Assert.Single(received).Body);
    }

    [Fact]
    public async Task UnsubscribeAsync_SubscriptionListedByTopic_IsNoLongerListed()
    {
        using var sqs = LocalAws.Sqs(moto.Endpoint);
        var (_, kept) = await CreateQueueAsync(sqs, "tail-kept");
        var (_, removed) = await CreateQueueAsync(sqs, "tail-removed");
        using var client = Client();
        var topicArn = await client.CreateTopicAsync("alerts-unsubscribe");
        await client.SubscribeAsync(topicArn, "sqs", kept, RawDelivery);
        var subscriptionArn = await client.SubscribeAsync(topicArn, "sqs", removed, RawDelivery);
        var before = await client.ListSubscriptionsByTopicAsync(topicArn);

        await client.UnsubscribeAsync(subscriptionArn);

        Assert.Contains(new SnsSubscription(subscriptionArn, "sqs", removed), before);
        var after = await client.ListSubscriptionsByTopicAsync(topicArn);
        Assert.Equal([kept], after.Select(s => s.Endpoint));
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_MoreThanMotosPageOfHundred_ReturnsEverySubscription()
    {
        using var client = Client();
        var topicArn = await client.CreateTopicAsync("alerts-pages");
        // moto accepts a subscription of a queue it does not have, which spares creating 101 queues.
        var endpoints = Enumerable.Range(0, 101).Select(n => $"arn:aws:sqs:{LocalAws.Region}:123456789012:tail-page-{n}").ToArray();
        foreach (var endpoint in endpoints)
        {
            await client.SubscribeAsync(topicArn, "sqs", endpoint);
        }

        var subscriptions = await client.ListSubscriptionsByTopicAsync(topicArn);

        Assert.Equal(endpoints.Order(StringComparer.Ordinal), subscriptions.Select(s => s.Endpoint).Order(StringComparer.Ordinal));
        Assert.Equal(101, subscriptions.Select(s => s.SubscriptionArn).Distinct().Count());
    }

    [Fact]
    public async Task CreateTopicAsync_SameNameTwice_ReturnsTheSameArn()
    {
        using var client = Client();

        var first = await client.CreateTopicAsync("alerts-idempotent");
        var second = await client.CreateTopicAsync("alerts-idempotent");

        Assert.Equal(first, second);
        Assert.EndsWith(":alerts-idempotent", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSubscriptionsByTopicAsync_TopicThatDoesNotExist_ThrowsNotFound()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<SnsNotFoundException>(
            () => client.ListSubscriptionsByTopicAsync($"arn:aws:sns:{LocalAws.Region}:123456789012:no-such-topic"));

        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Contains("Topic does not exist", error.Message, StringComparison.Ordinal);
    }

    // Unlike the NotFound AWS documents for Unsubscribe, moto 5.2.1 ignores an ARN it does not know: a clean-up of
    // leftover subscriptions must accept both answers.
    [Fact]
    public async Task UnsubscribeAsync_UnknownArn_CompletesBecauseMotoIgnoresIt()
    {
        using var client = Client();
        var topicArn = await client.CreateTopicAsync("alerts-unknown-subscription");

        await client.UnsubscribeAsync($"{topicArn}:00000000-0000-4000-8000-000000000000");

        Assert.Empty(await client.ListSubscriptionsByTopicAsync(topicArn));
    }

    private SnsClient Client() => new(new SnsClientOptions
    {
        ServiceUrl = moto.Endpoint,
        Region = LocalAws.Region,
        Credentials = new BasicAWSCredentials("test", "test"),
        Environment = TestEnvironment.Empty,
    });

    private static async Task<(string Url, string Arn)> CreateQueueAsync(IAmazonSQS sqs, string name)
    {
        var url = (await sqs.CreateQueueAsync(name)).QueueUrl;
        return (url, (await sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN);
    }
}
