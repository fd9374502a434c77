namespace Telemetry.Contracts;

/// <summary>
/// The identity of a reading: two records with the same id are the same reading (a producer retry, a redelivery,
/// a replay), whatever their place in the stream. See docs/reading-identity.md.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Boot">The device's numbering run; 0 for schema version 1.</param>
/// <param name="Sequence">The sequence number within the run.</param>
public readonly record struct ReadingId(string DeviceId, long Boot, long Sequence)
{
    /// <inheritdoc/>
    public override string ToString() => $"{DeviceId}/{Boot}/{Sequence}";
}
