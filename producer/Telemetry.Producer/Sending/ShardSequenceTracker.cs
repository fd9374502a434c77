using Telemetry.Contracts;

namespace Telemetry.Producer.Sending;

/// <summary>
/// The highest acknowledged sequence number per shard, in <see cref="SequenceNumber"/> order, kept with the text
/// Kinesis wrote so that it is echoed back exactly.
/// </summary>
public sealed class ShardSequenceTracker
{
    private readonly Dictionary<string, (SequenceNumber Sequence, string Text)> _highest = new(StringComparer.Ordinal);

    /// <summary>Records an acknowledgement; returns whether it raised the shard's highest sequence number.</summary>
    /// <exception cref="FormatException"><paramref name="sequenceNumber"/> is not a Kinesis sequence number.</exception>
    public bool Observe(string shardId, string sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(shardId);
        ArgumentNullException.ThrowIfNull(sequenceNumber);
        var sequence = SequenceNumber.Parse(sequenceNumber);
        if (_highest.TryGetValue(shardId, out var current) && current.Sequence >= sequence)
        {
            return false;
        }

        _highest[shardId] = (sequence, sequenceNumber);
        return true;
    }

    /// <summary>A copy: shard id → highest sequence number seen, as Kinesis wrote it.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        _highest.ToDictionary(e => e.Key, e => e.Value.Text, StringComparer.Ordinal);
}
