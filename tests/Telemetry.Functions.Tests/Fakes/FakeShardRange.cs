using Telemetry.Contracts;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Tests.Fakes;

// A shard's records kept in memory, read again by sequence number as GetRecords from AT_SEQUENCE_NUMBER would.
public sealed class FakeShardRange : IShardRangeSource
{
    private readonly List<StreamRecord> records = [];

    public int Reads { get; private set; }

    public void Add(IEnumerable<StreamRecord> more) => records.AddRange(more);

    public Task<IReadOnlyList<StreamRecord>> ReadAsync(
        string shardId, string firstSequence, string lastSequence, Func<StreamRecord, bool> keep, CancellationToken cancellationToken)
    {
        Reads++;
        var first = SequenceNumber.Parse(firstSequence);
        var last = SequenceNumber.Parse(lastSequence);
        IReadOnlyList<StreamRecord> span = [.. records.Where(r => r.ShardId == shardId && SequenceNumber.Parse(r.SequenceNumber) >= first && SequenceNumber.Parse(r.SequenceNumber) <= last && keep(r))];
        return Task.FromResult(span);
    }
}
