namespace Telemetry.Processing.Streams;

/// <summary>What processing one batch of stream records did.</summary>
/// <param name="Records">Records in the batch.</param>
/// <param name="Accepted">Readings that decoded and were on time; handed to the rollups (a reading counted before changes nothing).</param>
/// <param name="Rejected">Records set aside with their reason: undecodable, too late, or refused by a window's limits.</param>
/// <param name="Failed">Records whose effect was not stored (a window or a reject could not be written); they must be processed again.</param>
public sealed record BatchOutcome(int Records, int Accepted, int Rejected, IReadOnlyList<StreamRecord> Failed)
{
    /// <summary>Every record's effect was stored.</summary>
    public bool Succeeded => Failed.Count == 0;

    /// <summary>
    /// Per shard, the failed record with the lowest sequence number: where a reader of that shard must restart
    /// (Lambda's <c>batchItemFailures</c>); what lies behind it is processed again, which identity makes harmless.
    /// </summary>
    public IReadOnlyList<StreamRecord> RestartPoints() =>
        [.. Failed
            .GroupBy(r => r.ShardId, StringComparer.Ordinal)
            .Select(g => g.MinBy(r => Contracts.SequenceNumber.Parse(r.SequenceNumber))!)];
}
