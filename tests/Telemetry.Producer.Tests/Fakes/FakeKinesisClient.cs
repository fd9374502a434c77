using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Telemetry.Aws.Kinesis;

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

    // MD5 as Kinesis routes keys: string.GetHashCode is randomized per process, so a test's keys would land on one
    // shard in some runs and on several in others.
    public string ShardOf(string partitionKey) =>
        $"shardId-{BinaryPrimitives.ReadUInt32BigEndian(MD5.HashData(Encoding.UTF8.GetBytes(partitionKey))) % (uint)shardCount:D12}";

    public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
