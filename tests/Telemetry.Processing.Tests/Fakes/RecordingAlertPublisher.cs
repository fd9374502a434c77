using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Fakes;

// Keeps every event it published, in order; fails the next FailNext calls outright.
public sealed class RecordingAlertPublisher : IAlertPublisher
{
    private readonly List<AlertEvent> published = [];
    private readonly Lock gate = new();

    public IReadOnlyList<AlertEvent> Published
    {
        get
        {
            lock (gate)
            {
                return [.. published];
            }
        }
    }

    public int FailNext { get; set; }

    public Task<IReadOnlyList<AlertEvent>> PublishAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (FailNext > 0)
            {
                FailNext--;
                return Task.FromResult(events);
            }

            published.AddRange(events);
            return Task.FromResult<IReadOnlyList<AlertEvent>>([]);
        }
    }
}
