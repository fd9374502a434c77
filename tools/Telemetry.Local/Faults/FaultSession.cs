namespace Telemetry.Local.Faults;

/// <summary>
/// The decisions of one profile and seed: every call draws from one seeded <see cref="Random"/> under a lock, so a
/// run is reproducible from its seed for the same order of calls. Pure: no I/O, no clock.
/// </summary>
public sealed class FaultSession(FaultProfile profile, int seed)
{
    public const string PutRecords = "PutRecords";

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public FaultProfile Profile { get; } = profile;

    public int Seed { get; } = seed;

    /// <summary>Whether the proxy must read a PutRecords body to count its entries before <see cref="Decide"/>.</summary>
    public bool FailsEntries(FaultUpstream upstream, string? operation) =>
        upstream == FaultUpstream.Kinesis && operation == PutRecords && Profile.Kinesis.EntryFailureRate > 0 && Profile.Kinesis.AppliesTo(operation);

    /// <param name="operation">The X-Amz-Target operation; null for a call that is not an AWS JSON call.</param>
    /// <param name="entryCount">PutRecords entries in the request (0 when <see cref="FailsEntries"/> is false).</param>
    public FaultPlan Decide(FaultUpstream upstream, string? operation, int entryCount)
    {
        var faults = Profile.For(upstream);
        if (!faults.AppliesTo(operation))
        {
            return FaultPlan.PassThrough;
        }

        lock (_gate)
        {
            var latency = faults.MaxLatency > TimeSpan.Zero
                ? faults.MinLatency + ((faults.MaxLatency - faults.MinLatency) * _random.NextDouble())
                : TimeSpan.Zero;

            var draw = _random.NextDouble();
            if (draw < faults.ThrottleRate)
            {
                return new FaultPlan(latency, CallFault.Throttle, InjectedErrors.Throttle(upstream, _random.NextDouble()), [], false);
            }

            if (draw < faults.ThrottleRate + faults.ServerErrorRate)
            {
                return new FaultPlan(latency, CallFault.ServerError, InjectedErrors.ServerError(upstream, _random.NextDouble()), [], false);
            }

            if (draw < faults.ThrottleRate + faults.ServerErrorRate + faults.ResetRate)
            {
                return new FaultPlan(latency, CallFault.Reset, null, [], false);
            }

            var failed = new List<EntryFault>();
            if (upstream == FaultUpstream.Kinesis && operation == PutRecords && faults.EntryFailureRate > 0)
            {
                for (var i = 0; i < entryCount; i++)
                {
                    if (_random.NextDouble() < faults.EntryFailureRate)
                    {
                        failed.Add(InjectedErrors.Entry(i, _random.NextDouble()));
                    }
                }
            }

            var drop = faults.DropResponseRate > 0 && _random.NextDouble() < faults.DropResponseRate;
            return new FaultPlan(latency, CallFault.None, null, failed, drop);
        }
    }
}
