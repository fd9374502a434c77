using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Telemetry.Aws;
using Telemetry.Aws.Pulumi;
using Telemetry.Aws.Sns;
using Telemetry.Local.Emulators;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>
/// In AWS: the queue subscribes to the alert topic with raw delivery, as the deployment's own <c>telemetry-alerts</c>
/// queue does, so it receives the EventBridge event unchanged. The queue's policy lets only that topic send to it.
/// </summary>
public sealed class SnsTopicSubscriber(ISnsClient sns, string topicArn) : IAlertSubscriber
{
    public string Source => $"topic {topicArn}";

    public async Task PrepareQueueAsync(IAmazonSQS sqs, string queueUrl, string queueArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        var policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Sid = "alert-topic",
                    Effect = "Allow",
                    Principal = new { Service = "sns.amazonaws.com" },
                    Action = "sqs:SendMessage",
                    Resource = queueArn,
                    Condition = new { ArnEquals = new Dictionary<string, string> { ["aws:SourceArn"] = topicArn } },
                },
            },
        });
        // Encrypted at rest like the deployment's queue; SQS-managed keys need no key policy for SNS to send.
        await sqs.SetQueueAttributesAsync(queueUrl, new() { ["Policy"] = policy, ["SqsManagedSseEnabled"] = "true" }, cancellationToken);
    }

    public Task<string> AttachAsync(string queueName, string queueArn, CancellationToken cancellationToken) =>
        sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" }, cancellationToken);

    public async Task DetachAsync(string attachment, CancellationToken cancellationToken)
    {
        try
        {
            await sns.UnsubscribeAsync(attachment, cancellationToken);
        }
        catch (SnsNotFoundException)
        {
            // Already gone: another subscriber's clean-up, or the topic was deleted.
        }
    }

    public async Task<IReadOnlyList<string>> AttachmentsOfAsync(string queueArn, CancellationToken cancellationToken) =>
        [.. (await sns.ListSubscriptionsByTopicAsync(topicArn, cancellationToken))
            .Where(s => s.Protocol == "sqs" && s.Endpoint == queueArn)
            .Select(s => s.SubscriptionArn)];

    /// <summary>
    /// The AWS target: the topic from the stack's <c>alertTopicArn</c> output with <c>--stack</c>; otherwise named like
    /// the alert queue, in the account and region of that queue (found with the standard AWS variables).
    /// </summary>
    public static async Task<AlertFeedTarget> TargetAsync(
        TargetSettings settings, AlertsConfig config, IPulumiCommand pulumi, AwsClientEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var outputs = settings.Stack is { } stack
            ? await PulumiStackOutputs.ReadAsync(pulumi, stack, LocalToolsFolder.RepoRoot, cancellationToken)
            : null;
        var region = AwsRegionResolver.Resolve(outputs?.Region, environment);
        var credentials = AwsCredentialsResolver.Resolve(null, environment);
        IAmazonSQS Sqs() => new AmazonSQSClient(credentials, new AmazonSQSConfig { RegionEndpoint = region });

        var topicArn = outputs?.AlertTopicArn;
        if (topicArn is null)
        {
            if (outputs is not null)
            {
                throw new AwsConfigurationException($"Pulumi stack '{settings.Stack}' has no output alertTopicArn: it was deployed before the alerts; run 'pulumi up --stack {settings.Stack}'.");
            }

            using var sqs = Sqs();
            string queueArn;
            try
            {
                var url = (await sqs.GetQueueUrlAsync(config.QueueName, cancellationToken)).QueueUrl;
                queueArn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"], cancellationToken)).QueueARN;
            }
            catch (QueueDoesNotExistException)
            {
                throw new AwsConfigurationException($"No queue '{config.QueueName}' in {region.SystemName}: is the pipeline deployed there? Give --stack NAME to use a stack's outputs.");
            }

            // arn:aws:sqs:<region>:<account>:<name> → the topic of the same name beside it.
            var parts = queueArn.Split(':');
            topicArn = $"arn:{parts[1]}:sns:{parts[3]}:{parts[4]}:{config.TopicName}";
        }

        var sns = new SnsClient(new SnsClientOptions { Region = region.SystemName, Credentials = credentials });
        var name = outputs is null ? "aws" : $"aws, stack {settings.Stack}";
        return new AlertFeedTarget(name, config.QueueName, Sqs, new SnsTopicSubscriber(sns, topicArn));
    }
}
