using System.Globalization;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Producer.Sending;

/// <summary>
/// Packs records into KPL aggregated records, as the Kinesis Producer Library does: one aggregated record holds
/// only records whose partition keys route to the same open shard, so each device's readings stay on its shard and
/// in order; a lane's records (a shard's, or a share of its keys) fill an aggregated record up to the size limit
/// before the next begins. Pure, given the shard map. See docs/kpl-aggregation.md.
/// </summary>
public sealed class RecordAggregator
{
    /// <summary>The KPL's default <c>AggregationMaxSize</c>: small enough that one record never takes a shard's second of writes.</summary>
    public const int DefaultMaxRecordBytes = 50 * 1024;

    private readonly (UInt128 Start, UInt128 End, string ShardId)[] shards;
    private readonly int maxRecordBytes;
    private readonly uint lanesPerShard;

    /// <param name="shards">The stream's shards; closed ones are left out, since nothing is routed to them.</param>
    /// <param name="maxRecordBytes">The most one aggregated record may take, data plus partition key.</param>
    /// <param name="inFlight">
    /// Calls the sender may have in flight: a shard's keys are split into that many lanes over the shards (at least
    /// one each), each lane with aggregated records of its own, so that a few shards still fill every call slot.
    /// </param>
    public RecordAggregator(IReadOnlyList<Shard> shards, int maxRecordBytes = DefaultMaxRecordBytes, int inFlight = 1)
    {
        ArgumentNullException.ThrowIfNull(shards);
        this.shards = [.. shards
            .Where(s => !s.IsClosed)
            .Select(s => (UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture), UInt128.Parse(s.EndingHashKey, CultureInfo.InvariantCulture), s.ShardId))
            .OrderBy(s => s.Item1)];
        if (this.shards.Length == 0)
        {
            throw new ArgumentException("The stream has no open shard to route records to.", nameof(shards));
        }

        this.maxRecordBytes = maxRecordBytes;
        lanesPerShard = (uint)Math.Max(1, (inFlight + this.shards.Length - 1) / this.shards.Length);
    }

    /// <summary>
    /// The lane a partition key's records travel in: its shard, and a share of that shard's keys. Every record of
    /// one aggregated record has the same lane, which is its partition key's (its first record's).
    /// </summary>
    public string LaneOf(string partitionKey) =>
        lanesPerShard == 1 ? ShardOf(partitionKey) : $"{ShardOf(partitionKey)}/{PartitionHash.Of(partitionKey) % lanesPerShard}";

    /// <summary>The open shard a partition key routes to.</summary>
    public string ShardOf(string partitionKey)
    {
        var hash = PartitionHash.Of(partitionKey);
        var (low, high) = (0, shards.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (shards[middle].Start <= hash)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return shards[low].ShardId;
    }

    /// <summary>
    /// The aggregated records of <paramref name="records"/>. A record too large for any aggregated record, or the
    /// only one of its shard, goes on its own: an aggregate of one costs more bytes and saves nothing.
    /// </summary>
    public IReadOnlyList<OutgoingRecord> Pack(IEnumerable<OutgoingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var open = new Dictionary<string, (KplAggregateBuilder Builder, List<OutgoingRecord> Members)>(StringComparer.Ordinal);
        var packed = new List<OutgoingRecord>();
        foreach (var record in records)
        {
            var shard = LaneOf(record.PartitionKey);
            if (!open.TryGetValue(shard, out var current))
            {
                current = (new KplAggregateBuilder(maxRecordBytes), []);
                open[shard] = current;
            }

            var user = new KplUserRecord(record.PartitionKey, record.Data);
            if (current.Builder.TryAdd(user))
            {
                current.Members.Add(record);
                continue;
            }

            if (current.Builder.Count > 0)
            {
                packed.Add(Seal(current.Builder, current.Members));
                current = (new KplAggregateBuilder(maxRecordBytes), []);
                open[shard] = current;
                if (current.Builder.TryAdd(user))
                {
                    current.Members.Add(record);
                    continue;
                }
            }

            packed.Add(record);
        }

        packed.AddRange(open.Values.Where(o => o.Members.Count > 0).Select(o => Seal(o.Builder, o.Members)));
        return packed;
    }

    private static OutgoingRecord Seal(KplAggregateBuilder builder, List<OutgoingRecord> members) =>
        members.Count == 1 ? members[0] : OutgoingRecord.Aggregated(builder.PartitionKey!, builder.Build(), members);
}
