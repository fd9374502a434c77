using System.Globalization;
using System.Numerics;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Producer.Tests.Fakes;

/// <summary>
/// In-memory PutRecords: accepts entries onto a fixed number of shards with ever-growing sequence numbers. Hooks let
/// a test fail entries, throw for whole calls, or act (cancel, hang) when a call arrives.
/// </summary>
internal sealed class FakeKinesisClient(int shardCount = 2) : IKinesisClient
{
    // Real sequence numbers are ~56 digits; starting past 2^64 keeps the fake honest about their size.
    private static readonly BigInteger FirstSequence = BigInteger.Parse("49600000000000000000000000000000000000000000000000", CultureInfo.InvariantCulture);

    private readonly Lock _lock = new();
    private readonly List<PutRecordsEntry> _accepted = [];
    private readonly List<IReadOnlyList<PutRecordsEntry>> _calls = [];
    private BigInteger _nextSequence = FirstSequence;

    /// <summary>Per entry: an error code to fail it with, or null to accept it. Arguments: entry, 1-based call number.</summary>
    public Func<PutRecordsEntry, int, string?> FailEntry { get; set; } = (_, _) => null;

    /// <summary>Per call: an exception to throw instead of answering, or null. Argument: 1-based call number.</summary>
    public Func<int, Exception?> FailCall { get; set; } = _ => null;

    /// <summary>Runs when a call arrives, before it is answered; may await (for example until cancelled).</summary>
    public Func<int, CancellationToken, Task> OnCall { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>Per accepted entry: the sequence number to acknowledge it with, or null for the next ever-growing one.</summary>
    public Func<PutRecordsEntry, string?> SequenceNumberOf { get; set; } = _ => null;

    public IReadOnlyList<PutRecordsEntry> Accepted
    {
        get
        {
            lock (_lock)
            {
                return [.. _accepted];
            }
        }
    }

    public IReadOnlyList<IReadOnlyList<PutRecordsEntry>> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public async Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default)
    {
        int call;
        lock (_lock)
        {
            _calls.Add([.. records]);
            call = _calls.Count;
        }

        await OnCall(call, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (FailCall(call) is { } exception)
        {
            throw exception;
        }

        var entries = new List<PutRecordsResultEntry>(records.Count);
        lock (_lock)
        {
            foreach (var record in records)
            {
                if (FailEntry(record, call) is { } code)
                {
                    entries.Add(new PutRecordsResultEntry(null, null, code, "rate exceeded for shard"));
                    continue;
                }

                _accepted.Add(record);
                var sequence = SequenceNumberOf(record) ?? (_nextSequence++).ToString(CultureInfo.InvariantCulture);
                entries.Add(new PutRecordsResultEntry(sequence, ShardOf(record.PartitionKey), null, null));
            }
        }

        return new PutRecordsResult(entries.Count(e => !e.Succeeded), entries);
    }

    /// <summary>Position in <see cref="Accepted"/> of the entry acknowledged with <paramref name="sequenceNumber"/>.</summary>
    public int AcceptedIndexOf(string sequenceNumber) =>
        (int)(BigInteger.Parse(sequenceNumber, CultureInfo.InvariantCulture) - FirstSequence);

    // As Kinesis routes keys: the key's MD5 falls in one shard's hash key range, the ranges splitting the space evenly.
    public string ShardOf(string partitionKey) =>
        Shards.Single(s => PartitionHash.Of(partitionKey) >= UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture)
            && PartitionHash.Of(partitionKey) <= UInt128.Parse(s.EndingHashKey, CultureInfo.InvariantCulture)).ShardId;

    /// <summary>The open shards, each with an even share of the hash key space.</summary>
    public IReadOnlyList<Shard> Shards { get; } = [.. Enumerable.Range(0, shardCount).Select(i => new Shard(
        $"shardId-{i:D12}", null, null,
        (UInt128.MaxValue / (uint)shardCount * (uint)i).ToString(CultureInfo.InvariantCulture),
        (i == shardCount - 1 ? UInt128.MaxValue : (UInt128.MaxValue / (uint)shardCount * (uint)(i + 1)) - 1).ToString(CultureInfo.InvariantCulture),
        "0", null))];

    public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) => Task.FromResult(Shards);

    public Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
