using Amazon.SQS;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>On the local stack: the queue becomes a target of the alert rule on moto, named after the queue.</summary>
public sealed class LocalRuleSubscriber(LocalAlertTargets targets, string ruleName) : IAlertSubscriber
{
    public string Source => $"rule {ruleName} on the local stack";

    // moto does not enforce queue policies; the rule delivers to any queue it targets.
    public Task PrepareQueueAsync(IAmazonSQS sqs, string queueUrl, string queueArn, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> AttachAsync(string queueName, string queueArn, CancellationToken cancellationToken)
    {
        // A target id is at most 64 characters of [.\-_A-Za-z0-9]; the queue name's tail is unique and fits.
        var id = queueName.Length <= 64 ? queueName : queueName[^64..];
        await targets.AttachAsync(id, queueArn, cancellationToken);
        return id;
    }

    public Task DetachAsync(string attachment, CancellationToken cancellationToken) => targets.DetachAsync(attachment, cancellationToken);

    public Task<IReadOnlyList<string>> AttachmentsOfAsync(string queueArn, CancellationToken cancellationToken) => targets.TargetsOfAsync(queueArn, cancellationToken);
}
