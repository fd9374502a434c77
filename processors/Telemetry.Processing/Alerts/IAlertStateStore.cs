namespace Telemetry.Processing.Alerts;

/// <summary>Where the alerter keeps each (device, rule) pair; every write is conditioned on the version read.</summary>
public interface IAlertStateStore
{
    /// <summary>Every stored pair of <paramref name="deviceId"/>, by rule id; a rule with no entry has never been written.</summary>
    Task<IReadOnlyDictionary<string, StoredAlertState>> LoadAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="next"/> (its version is the one to write) if the stored version is still
    /// <paramref name="expectedVersion"/>; false when another writer got there first.
    /// </summary>
    Task<bool> SaveAsync(string deviceId, string ruleId, StoredAlertState next, long expectedVersion, CancellationToken cancellationToken);
}
