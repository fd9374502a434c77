using Telemetry.Contracts.Alerts;
using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Fakes;

// Last-seen records with the DynamoDB store's rules: times only move forward, and not past a gap floor without a
// silence open; a decision or a write after a read wins only against the version and the last arrival it read; a
// shard's lag is replaced only by a later measure.
public sealed class InMemorySeenStore : ISeenStore
{
    private readonly Dictionary<string, StoredSeen> devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShardLag> lags = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Writes { get; private set; }

    public int Reads { get; private set; }

    public int LagWrites { get; private set; }

    public bool Failing { get; set; }

    public StoredSeen? Get(string deviceId)
    {
        lock (gate)
        {
            return devices.GetValueOrDefault(deviceId);
        }
    }

    public Task<SeenRecording> RecordAsync(IReadOnlyList<SeenUpdate> updates, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            return Task.FromResult(new SeenRecording([], updates));
        }

        var refused = new List<SeenUpdate>();
        lock (gate)
        {
            foreach (var update in updates)
            {
                Writes++;
                var current = devices.GetValueOrDefault(update.DeviceId);
                var plain = current is null
                    || (current.Device.LastArrival < update.LastArrival
                        && (update.GapFloor is not { } floor || current.Device.LastArrival >= floor || current.Device.Silence is not null));
                if (plain)
                {
                    devices[update.DeviceId] = new StoredSeen(Heard(update, current?.Device.Silence), current?.Version ?? 0, current?.Outbox ?? []);
                }
                else
                {
                    refused.Add(update);
                }
            }
        }

        return Task.FromResult(new SeenRecording(refused, []));
    }

    public Task<StoredSeen?> ReadAsync(string deviceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Reads++;
            return Task.FromResult(devices.GetValueOrDefault(deviceId));
        }
    }

    public Task<bool> RecordAfterAsync(StoredSeen? read, SeenUpdate update, IReadOnlyList<AlertEvent> outbox, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Writes++;
            var stored = devices.GetValueOrDefault(update.DeviceId);
            if (read is null ? stored is not null : stored is null || stored.Version != read.Version || stored.Device.LastArrival != read.Device.LastArrival)
            {
                return Task.FromResult(false);
            }

            devices[update.DeviceId] = new StoredSeen(Heard(update, stored?.Device.Silence), (read?.Version ?? 0) + 1, outbox);
            return Task.FromResult(true);
        }
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

    public Task<bool> RecordLagAsync(ShardLag lag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            LagWrites++;
            if (!lags.TryGetValue(lag.ShardId, out var stored) || stored.MeasuredAt <= lag.MeasuredAt)
            {
                lags[lag.ShardId] = lag;
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyDictionary<string, ShardLag>> ReadLagsAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, ShardLag>>(new Dictionary<string, ShardLag>(lags, StringComparer.Ordinal));
        }
    }

    private static SeenDevice Heard(SeenUpdate update, SilenceEpisode? silence) =>
        new(update.DeviceId, update.DeviceType, update.Site, update.LastSeenAt, update.LastArrival, silence)
        {
            ShardId = update.ShardId,
            Latest = update.Latest ?? new Dictionary<string, double>(),
        };
}
