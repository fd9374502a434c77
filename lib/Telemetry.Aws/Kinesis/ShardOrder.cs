namespace Telemetry.Aws.Kinesis;

/// <summary>
/// The order to read a stream's shards in so that every partition key's records come out in the order they were
/// put: a shard after its parents (a split's or a merge's), as Lambda's event source mapping reads them.
/// </summary>
public static class ShardOrder
{
    /// <summary>
    /// <paramref name="shards"/> with every shard after the parents listed with it; a parent no longer listed
    /// (trimmed with its records) does not hold its children back. Ties keep the listing's order.
    /// </summary>
    public static IReadOnlyList<Shard> ParentsFirst(IReadOnlyList<Shard> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var listed = shards.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<Shard>(shards.Count);
        while (ordered.Count < shards.Count)
        {
            var ready = shards.Where(s => !placed.Contains(s.ShardId) && Parents(s).All(p => !listed.Contains(p) || placed.Contains(p))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("the shards' parent links form a cycle; Kinesis never lists one.");
            }

            foreach (var shard in ready)
            {
                placed.Add(shard.ShardId);
                ordered.Add(shard);
            }
        }

        return ordered;
    }

    private static IEnumerable<string> Parents(Shard shard) =>
        new[] { shard.ParentShardId, shard.AdjacentParentShardId }.OfType<string>();
}
