using Amazon.SQS;
using Amazon.SQS.Model;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Stack;

/// <summary>
/// Creates the alert fan-out on moto with the deployment's names and config/pipeline.json's pattern and queue settings:
/// bus, rule, topic, queue with its dead-letter queue. Every call is idempotent, so each <c>up</c> runs it: moto keeps
/// nothing across a restart. Where AWS has rule → topic → queue, moto cannot deliver rule → topic (a rule with an SNS
/// target fails PutEvents with a 500), so the rule targets the queue and the topic also feeds it: an event on the bus
/// arrives once, with the body AWS's raw delivery gives (docs/local-vs-aws-alerts.md).
/// </summary>
public sealed class LocalAlerts(Uri motoEndpoint, string busName, AlertsConfig config)
{
    private const string QueueTargetId = "alert-queue";

    public async Task<LocalAlertWiring> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        using var sqs = LocalAws.Sqs(motoEndpoint);
        var (deadLetterUrl, deadLetterArn) = await EnsureQueueAsync(sqs, config.DeadLetterQueueName, new()
        {
            ["MessageRetentionPeriod"] = Seconds(config.DeadLetterRetentionSeconds),
        }, cancellationToken);
        var (queueUrl, queueArn) = await EnsureQueueAsync(sqs, config.QueueName, new()
        {
            ["MessageRetentionPeriod"] = Seconds(config.MessageRetentionSeconds),
            ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":{{config.MaxReceiveCount}}}""",
        }, cancellationToken);

        using var sns = LocalClients.Sns(motoEndpoint);
        // CreateTopic and Subscribe answer the existing topic and subscription when called again with the same settings.
        var topicArn = await sns.CreateTopicAsync(config.TopicName, cancellationToken);
        await sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" }, cancellationToken);

        using var moto = new MotoControl(motoEndpoint);
        (await moto.EventsAsync("CreateEventBus", new { Name = busName }, cancellationToken, tolerated: "ResourceAlreadyExistsException"))?.Dispose();
        (await moto.EventsAsync("PutRule", new { Name = config.RuleName, EventBusName = busName, EventPattern = config.EventPattern, State = "ENABLED" }, cancellationToken))?.Dispose();
        (await moto.EventsAsync("PutTargets", new
        {
            Rule = config.RuleName,
            EventBusName = busName,
            Targets = new[] { new { Id = QueueTargetId, Arn = queueArn } },
        }, cancellationToken))?.Dispose();

        return new LocalAlertWiring(busName, config.RuleName, topicArn, queueUrl, queueArn, deadLetterUrl);
    }

    // CreateQueue refuses other attributes for an existing queue: a changed setting in config/pipeline.json is applied over it.
    private static async Task<(string Url, string Arn)> EnsureQueueAsync(
        IAmazonSQS sqs, string name, Dictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        string url;
        try
        {
            url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, cancellationToken)).QueueUrl;
        }
        catch (QueueNameExistsException)
        {
            url = (await sqs.GetQueueUrlAsync(name, cancellationToken)).QueueUrl;
            await sqs.SetQueueAttributesAsync(url, attributes, cancellationToken);
        }

        var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], cancellationToken)).QueueARN;
        return (url, arn);
    }

    private static string Seconds(int seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
