namespace Telemetry.Producer.Simulation;

/// <summary>A snapshot of a run, reported after every PutRecords call and once at the end.</summary>
public sealed record SimulatorProgress
{
    /// <summary>Readings the run will generate unless cancelled.</summary>
    public required long Total { get; init; }

    /// <summary>Readings generated so far; each one ends up in <see cref="Sent"/> or <see cref="Failed"/>.</summary>
    public required long Generated { get; init; }

    public required long Sent { get; init; }

    public required long Failed { get; init; }

    public required long Retries { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The most recent failure seen, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>Acknowledged readings per second of wall time.</summary>
    public double SentPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;
}
