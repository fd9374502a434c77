using Telemetry.Functions.Events;

namespace Telemetry.Functions.Tests.Aggregation;

// How Kinesis may hand a batch to the function: each shard's records cut into sub-batches that arrive in
// shard order the first time, shards interleaved in any order, and any sub-batch already delivered
// delivered again at any later point (retries, bisection, replay). One invocation holds one shard's sub-batch.
public static class DeliveryPlan
{
    private const int MaxRedeliveries = 8;

    public static IReadOnlyList<KinesisEvent> Plan(IReadOnlyList<IReadOnlyList<KinesisEventRecord>> shards, Random random)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(random);
        var pending = shards.Select(records => new Queue<KinesisEvent>(Split(records, random))).Where(q => q.Count > 0).ToList();
        var delivered = new List<KinesisEvent>();
        var plan = new List<KinesisEvent>();
        var redeliveries = random.Next(MaxRedeliveries + 1);
        while (pending.Count > 0 || redeliveries > 0)
        {
            var redeliver = delivered.Count > 0 && redeliveries > 0 && (pending.Count == 0 || random.Next(3) == 0);
            if (redeliver)
            {
                plan.Add(delivered[random.Next(delivered.Count)]);
                redeliveries--;
                continue;
            }

            if (pending.Count == 0)
            {
                break;
            }

            var shard = pending[random.Next(pending.Count)];
            var next = shard.Dequeue();
            plan.Add(next);
            delivered.Add(next);
            if (shard.Count == 0)
            {
                pending.Remove(shard);
            }
        }

        return plan;
    }

    // Contiguous, non-empty pieces in stream order.
    private static IEnumerable<KinesisEvent> Split(IReadOnlyList<KinesisEventRecord> records, Random random)
    {
        var start = 0;
        while (start < records.Count)
        {
            var length = random.Next(1, records.Count - start + 1);
            yield return new KinesisEvent([.. records.Skip(start).Take(length)]);
            start += length;
        }
    }
}
