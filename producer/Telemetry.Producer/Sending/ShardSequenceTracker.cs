using System.Globalization;
using System.Numerics;

namespace Telemetry.Producer.Sending;

/// <summary>
/// The highest acknowledged sequence number per shard. Kinesis sequence numbers are decimal strings longer than
/// 64 bits, and "9" sorts after "10" as text, so they are compared as <see cref="BigInteger"/>.
/// </summary>
public sealed class ShardSequenceTracker
{
    private readonly Dictionary<string, (BigInteger Value, string Text)> _highest = new(StringComparer.Ordinal);

    /// <summary>Records an acknowledgement; returns whether it raised the shard's highest sequence number.</summary>
    public bool Observe(string shardId, string sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(shardId);
        ArgumentNullException.ThrowIfNull(sequenceNumber);
        var value = BigInteger.Parse(sequenceNumber, NumberStyles.None, CultureInfo.InvariantCulture);
        if (_highest.TryGetValue(shardId, out var current) && current.Value >= value)
        {
            return false;
        }

        _highest[shardId] = (value, sequenceNumber);
        return true;
    }

    /// <summary>A copy: shard id → highest sequence number seen, as Kinesis wrote it.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        _highest.ToDictionary(e => e.Key, e => e.Value.Text, StringComparer.Ordinal);
}
