using System.Collections.Concurrent;
using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Storage.Tests.Support;

// Keeps every event published, from any number of invocations at once.
internal sealed class ConcurrentPublisher : IAlertPublisher
{
    private readonly ConcurrentQueue<AlertEvent> published = new();

    public IReadOnlyList<AlertEvent> Published => [.. published];

    public Task<IReadOnlyList<AlertEvent>> PublishAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        foreach (var alert in events)
        {
            published.Enqueue(alert);
        }

        return Task.FromResult<IReadOnlyList<AlertEvent>>([]);
    }
}
