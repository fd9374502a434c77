using Telemetry.Processing.Alerts;

namespace Telemetry.Processing.Tests.Fakes;

// Alert state with DynamoDB's conditional-write semantics: a save wins only against the version it read.
public sealed class InMemoryAlertStateStore : IAlertStateStore
{
    private readonly Dictionary<(string DeviceId, string RuleId), StoredAlertState> pairs = [];
    private readonly Lock gate = new();

    public int Saves { get; private set; }

    // Called before each save; lets a test slip in a competing writer.
    public Action<string, string>? BeforeSave { get; set; }

    public StoredAlertState? Get(string deviceId, string ruleId)
    {
        lock (gate)
        {
            return pairs.GetValueOrDefault((deviceId, ruleId));
        }
    }

    public Task<IReadOnlyDictionary<string, StoredAlertState>> LoadAsync(string deviceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, StoredAlertState> result = pairs
                .Where(p => p.Key.DeviceId == deviceId)
                .ToDictionary(p => p.Key.RuleId, p => p.Value, StringComparer.Ordinal);
            return Task.FromResult(result);
        }
    }

    public Task<bool> SaveAsync(string deviceId, string ruleId, StoredAlertState next, long expectedVersion, CancellationToken cancellationToken)
    {
        BeforeSave?.Invoke(deviceId, ruleId);
        lock (gate)
        {
            var currentVersion = pairs.TryGetValue((deviceId, ruleId), out var current) ? current.Version : 0;
            if (currentVersion != expectedVersion)
            {
                return Task.FromResult(false);
            }

            pairs[(deviceId, ruleId)] = next;
            Saves++;
            return Task.FromResult(true);
        }
    }
}
