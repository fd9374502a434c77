using Amazon.SQS;

namespace Telemetry.Cli.Commands.Alerts;

/// <summary>
/// Where alert events fan out, seen by a subscriber that brings a queue of its own: the SNS topic in AWS, the alert rule
/// on the local stack (docs/local-vs-aws-alerts.md).
/// </summary>
public interface IAlertSubscriber
{
    /// <summary>What the queue is attached to, for messages.</summary>
    string Source { get; }

    /// <summary>Sets what the queue needs before it is attached (in AWS, the policy that lets the topic send to it).</summary>
    Task PrepareQueueAsync(IAmazonSQS sqs, string queueUrl, string queueArn, CancellationToken cancellationToken);

    /// <summary>Attaches the queue; returns what <see cref="DetachAsync"/> takes to remove the attachment.</summary>
    Task<string> AttachAsync(string queueName, string queueArn, CancellationToken cancellationToken);

    Task DetachAsync(string attachment, CancellationToken cancellationToken);

    /// <summary>Every attachment that delivers to <paramref name="queueArn"/>: a subscriber killed before it detached leaves one.</summary>
    Task<IReadOnlyList<string>> AttachmentsOfAsync(string queueArn, CancellationToken cancellationToken);
}
