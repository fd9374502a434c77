namespace Telemetry.Local.Faults;

/// <summary>
/// The active profile and seed, switched at run time through the control endpoint. A switch may carry a lease:
/// when it runs out the proxy is back to <c>off</c>, so a demo killed half-way cannot leave faults on for good.
/// The lease is checked on use against <see cref="TimeProvider"/>, so no timer runs and tests need no waiting.
/// </summary>
public sealed class FaultControl
{
    private readonly FaultProfiles _profiles;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Active _active;

    public FaultControl(FaultProfiles profiles, TimeProvider time, string profile, int seed)
    {
        _profiles = profiles;
        _time = time;
        _active = new Active(new FaultSession(Profile(profile), seed), null);
    }

    public FaultCounters Counters { get; } = new();

    /// <summary>The session to decide a call with: the active one, or <c>off</c> once its lease ran out.</summary>
    public FaultSession Session => Current().Session;

    /// <summary>The lease's end, if the active profile has one.</summary>
    public DateTimeOffset? LeaseExpiresAt => Current().LeaseExpiresAt;

    public IReadOnlyCollection<string> ProfileNames => _profiles.Names;

    /// <exception cref="FaultProfileException">No such profile, or a lease that is not positive.</exception>
    public void Set(string profile, int seed, TimeSpan? lease)
    {
        if (lease is { } l && l <= TimeSpan.Zero)
        {
            throw new FaultProfileException($"A lease must be positive (was {l.TotalSeconds} s).");
        }

        var session = new FaultSession(Profile(profile), seed);
        lock (_gate)
        {
            _active = new Active(session, lease is { } length ? _time.GetUtcNow() + length : null);
        }
    }

    private Active Current()
    {
        lock (_gate)
        {
            if (_active.LeaseExpiresAt is { } end && _time.GetUtcNow() >= end)
            {
                _active = new Active(new FaultSession(FaultProfile.Off, _active.Session.Seed), null);
            }

            return _active;
        }
    }

    private FaultProfile Profile(string name) =>
        _profiles.Find(name) ?? throw new FaultProfileException($"No fault profile '{name}'; known: {string.Join(", ", _profiles.Names.Order(StringComparer.Ordinal))}.");

    private sealed record Active(FaultSession Session, DateTimeOffset? LeaseExpiresAt);
}
