namespace Telemetry.Local.Stack;

/// <summary>
/// What the local stack wired for the alert fan-out on moto, as <c>local up</c> recorded it in stack.json. Unlike AWS,
/// the rule targets the queue itself (moto does not deliver EventBridge → SNS); the topic still feeds the queue
/// (docs/local-vs-aws-alerts.md).
/// </summary>
public sealed record LocalAlertWiring(
    string BusName,
    string RuleName,
    string TopicArn,
    string QueueUrl,
    string QueueArn,
    string DeadLetterQueueUrl);
