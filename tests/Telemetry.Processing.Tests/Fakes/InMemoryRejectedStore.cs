using Telemetry.Contracts;
using Telemetry.Processing.Batches;

namespace Telemetry.Processing.Tests.Fakes;

// The rejected sink as a dictionary keyed like the table (shard and sequence number), so a redelivery overwrites.
public sealed class InMemoryRejectedStore : IRejectedStore
{
    private readonly Dictionary<(string ShardId, string SequenceNumber), RejectedRecord> rejects = [];

    // In shard and sequence order, as the reader returns them.
    public IReadOnlyList<RejectedRecord> Rejects =>
        [.. rejects.Values.OrderBy(r => r.ShardId, StringComparer.Ordinal).ThenBy(r => SequenceNumber.Parse(r.SequenceNumber))];

    // While set, every store fails and nothing is kept.
    public bool Failing { get; set; }

    public Task<IReadOnlyList<RejectedRecord>> StoreAsync(IReadOnlyList<RejectedRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (Failing)
        {
            return Task.FromResult(records);
        }

        foreach (var record in records)
        {
            rejects[(record.ShardId, record.SequenceNumber)] = record;
        }

        return Task.FromResult<IReadOnlyList<RejectedRecord>>([]);
    }
}
