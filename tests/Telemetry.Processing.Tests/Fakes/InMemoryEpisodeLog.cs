using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Fakes;

// Episode history by id: an opening event opens unless already known, a closing event closes.
public sealed class InMemoryEpisodeLog : IAlertEpisodeLog
{
    private readonly Dictionary<string, (AlertEvent Opened, AlertEvent? Closed)> episodes = [];
    private readonly Lock gate = new();

    public bool Failing { get; set; }

    public IReadOnlyDictionary<string, (AlertEvent Opened, AlertEvent? Closed)> Episodes
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, (AlertEvent, AlertEvent?)>(episodes);
            }
        }
    }

    public Task<IReadOnlyList<AlertEvent>> RecordAsync(IReadOnlyList<AlertEvent> events, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            return Task.FromResult(events);
        }

        lock (gate)
        {
            foreach (var alert in events)
            {
                if (AlertEventTypes.Opens(alert.DetailType))
                {
                    episodes.TryAdd(alert.EpisodeId, (alert, null));
                }
                else
                {
                    episodes[alert.EpisodeId] = (episodes.GetValueOrDefault(alert.EpisodeId).Opened ?? alert, alert);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<AlertEvent>>([]);
    }
}
