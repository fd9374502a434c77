namespace Telemetry.Aws.EventBridge;

/// <summary>
/// The EventBridge operation this project uses. AWSSDK.EventBridge is not served by our package feed, so the
/// project's own <c>EventBridgeClient</c> speaks the JSON 1.1 protocol itself; swapping in the SDK means one new
/// implementation of this interface. Batching and per-entry retries live above it, in <see cref="EventBridgePublisher"/>.
/// </summary>
public interface IEventBridgeClient
{
    /// <summary>
    /// One PutEvents call of 1 to <see cref="PutEventsLimits.MaxEntriesPerCall"/> entries, all to
    /// <paramref name="eventBusName"/>, within <see cref="PutEventsLimits.MaxBytesPerCall"/>. A successful HTTP
    /// response can still carry per-entry failures: <see cref="PutEventsResult.Entries"/> answers each entry in order.
    /// </summary>
    Task<PutEventsResult> PutEventsAsync(string eventBusName, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default);
}
