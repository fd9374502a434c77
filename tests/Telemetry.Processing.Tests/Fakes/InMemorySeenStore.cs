using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Fakes;

// Last-seen records with the DynamoDB store's rules: times only move forward; a decision wins only against the
// version and the last arrival it read.
public sealed class InMemorySeenStore : ISeenStore
{
    private readonly Dictionary<string, StoredSeen> devices = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Writes { get; private set; }

    public bool Failing { get; set; }

    public StoredSeen? Get(string deviceId)
    {
        lock (gate)
        {
            return devices.GetValueOrDefault(deviceId);
        }
    }

    public Task<IReadOnlyList<SeenUpdate>> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            return Task.FromResult(updates);
        }

        lock (gate)
        {
            foreach (var update in updates)
            {
                Writes++;
                var current = devices.GetValueOrDefault(update.DeviceId);
                if (current is null || current.Device.LastArrival < update.LastArrival)
                {
                    var device = new SeenDevice(update.DeviceId, update.DeviceType, update.Site, update.LastSeenAt, update.LastArrival, current?.Device.Silence);
                    devices[update.DeviceId] = new StoredSeen(device, current?.Version ?? 0, current?.Outbox ?? []);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<SeenUpdate>>([]);
    }

    public Task<IReadOnlyList<StoredSeen>> ReadAllAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<StoredSeen>>([.. devices.Values]);
        }
    }

    public Task<bool> DecideAsync(StoredSeen current, SilenceEpisode? silence, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var stored = devices.GetValueOrDefault(current.Device.DeviceId);
            if (stored is null || stored.Version != current.Version || stored.Device.LastArrival != current.Device.LastArrival)
            {
                return Task.FromResult(false);
            }

            devices[current.Device.DeviceId] = new StoredSeen(stored.Device with { Silence = silence }, stored.Version + 1, outbox);
            return Task.FromResult(true);
        }
    }
}
