namespace Telemetry.Aws.Sns;

/// <summary>
/// The SNS operations this project uses: a temporary subscription of a queue to the alert topic, its clean-up, and
/// the topic itself for the local stack and tests. AWSSDK.SimpleNotificationService is not served by our package feed,
/// so the project's own <c>SnsClient</c> speaks the Query protocol; swapping in the SDK means one new implementation
/// of this interface.
/// </summary>
public interface ISnsClient
{
    /// <summary>Creates the topic, or answers the existing one of that name (SNS makes CreateTopic idempotent).</summary>
    /// <returns>The topic's ARN.</returns>
    Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="endpoint"/> (for protocol "sqs", a queue ARN) to the topic with subscription
    /// <paramref name="attributes"/> such as RawMessageDelivery=true. Subscribing the same endpoint again answers the
    /// existing subscription.
    /// </summary>
    /// <returns>The subscription's ARN, even for protocols that wait for a confirmation (ReturnSubscriptionArn=true).</returns>
    Task<string> SubscribeAsync(
        string topicArn,
        string protocol,
        string endpoint,
        IReadOnlyDictionary<string, string>? attributes = null,
        CancellationToken cancellationToken = default);

    Task UnsubscribeAsync(string subscriptionArn, CancellationToken cancellationToken = default);

    /// <summary>Every subscription of the topic, following the service's pages.</summary>
    Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default);

    /// <returns>The message id SNS assigned.</returns>
    Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default);
}
