namespace Telemetry.Aws.Sns;

/// <summary>One subscription of a topic as ListSubscriptionsByTopic lists it.</summary>
/// <param name="SubscriptionArn">The ARN to unsubscribe with; "PendingConfirmation" while an e-mail or HTTP endpoint has not confirmed.</param>
/// <param name="Protocol">"sqs", "email", "https", …</param>
/// <param name="Endpoint">Where it delivers: for "sqs" the queue's ARN.</param>
public sealed record SnsSubscription(string SubscriptionArn, string Protocol, string Endpoint);
