using System.Globalization;
using System.Text;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.Tests.EventSourceMapping;

/// <summary>
/// A one-shard stream ordered the way kinesalite 3.3 orders one, to put its reads on cue where the real emulator
/// cannot be timed: a sequence number is (place, time in seconds) — the place counts up per put, the time is taken
/// when the put starts, and the record is stored only later (putRecords.js); a read returns the stored records at or
/// after its iterator; the next iterator is one second past the last record returned or, when nothing was returned,
/// the same place at the current time (getRecords.js: <c>incrementSequence(seqObj, now)</c>). TRIM_HORIZON is place 0
/// at the shard's creation, which is where the stream's first record is put too.
/// </summary>
public sealed class KinesaliteOrderStream : IKinesisClient
{
    public const string ShardId = "shardId-000000000000";

    private readonly Lock _gate = new();
    private readonly List<Stored> _stored = [];
    private long _nextPlace;
    private long _seconds = 1_700_000_000;
    private int _reads;

    /// <summary>GetRecords calls answered so far.</summary>
    public int Reads
    {
        get
        {
            lock (_gate)
            {
                return _reads;
            }
        }
    }

    /// <summary>Starts a put: the record gets its sequence number now and is stored by <see cref="Store"/>.</summary>
    public PendingRecord Begin(string payload)
    {
        lock (_gate)
        {
            return new PendingRecord(Sequence(_nextPlace++, _seconds), Encoding.UTF8.GetBytes(payload));
        }
    }

    /// <summary>Ends a put: from now on reads can return the record.</summary>
    public void Store(PendingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _stored.Add(new Stored(Parse(record.SequenceNumber), new KinesisRecord(record.SequenceNumber, DateTimeOffset.FromUnixTimeSeconds(_seconds), record.Data, "device-1")));
            _stored.Sort((a, b) => a.Position.CompareTo(b.Position));
        }
    }

    /// <summary>Moves the emulator's clock on by whole seconds.</summary>
    public void AdvanceSeconds(int seconds)
    {
        lock (_gate)
        {
            _seconds += seconds;
        }
    }

    public Task<IReadOnlyList<Shard>> ListShardsAsync(string streamName, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Shard>>([new Shard(ShardId, null, null, "0", "340282366920938463463374607431768211455", Sequence(0, 0), null)]);

    public Task<string> GetShardIteratorAsync(string streamName, string shardId, ShardIteratorPosition position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        return Task.FromResult(position.Type switch
        {
            ShardIteratorType.TrimHorizon => Sequence(0, 0),
            ShardIteratorType.AfterSequenceNumber => After(Parse(position.SequenceNumber!)),
            _ => throw new NotSupportedException($"{position.Type} is not modelled."),
        });
    }

    public Task<GetRecordsResult> GetRecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _reads++;
            var from = Parse(shardIterator);
            var records = _stored.Where(s => s.Position.CompareTo(from) >= 0).Take(limit).ToList();
            var next = records.Count > 0 ? After(records[^1].Position) : Sequence(from.Place, Math.Max(_seconds, from.Seconds));
            return Task.FromResult(new GetRecordsResult([.. records.Select(r => r.Record)], next, 0, []));
        }
    }

    public Task CreateStreamAsync(string streamName, int shardCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StreamSummary> DescribeStreamSummaryAsync(string streamName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<PutRecordsResult> PutRecordsAsync(string streamName, IReadOnlyList<PutRecordsEntry> records, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SplitShardAsync(string streamName, string shardId, string newStartingHashKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    private static string After((long Place, long Seconds) position) => Sequence(position.Place, position.Seconds + 1);

    // Fixed widths, so that the numeric order of the text is the order of (place, seconds).
    private static string Sequence(long place, long seconds) => string.Create(CultureInfo.InvariantCulture, $"1{place:D12}{seconds:D12}");

    private static (long Place, long Seconds) Parse(string sequence) =>
        (long.Parse(sequence.AsSpan(1, 12), CultureInfo.InvariantCulture), long.Parse(sequence.AsSpan(13, 12), CultureInfo.InvariantCulture));

    private sealed record Stored((long Place, long Seconds) Position, KinesisRecord Record);
}

/// <summary>A record whose put has begun: it has its sequence number but reads cannot see it yet.</summary>
public sealed record PendingRecord(string SequenceNumber, byte[] Data);
