namespace Telemetry.Local.Archive;

/// <summary>
/// Records gathered for the next object, and when it is due: Firehose's buffering hints, the size (in bytes as they
/// arrived, with the newline each gets) or the interval since the first record came in, whichever comes first.
/// </summary>
public sealed class DeliveryBuffer(long sizeBytes, TimeSpan interval)
{
    private readonly List<BufferedRecord> _records = [];
    private readonly Dictionary<string, string> _lastSequenceByShard = new(StringComparer.Ordinal);

    public int Count => _records.Count;

    public long Bytes { get; private set; }

    /// <summary>When the first record of this buffer came in; null while it is empty.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    public void Add(BufferedRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        StartedAt ??= now;
        _records.Add(record);
        _lastSequenceByShard[record.ShardId] = record.SequenceNumber;
        Bytes += record.Data.Length + 1;
    }

    public bool IsFull => Bytes >= sizeBytes;

    /// <summary>Whether the buffer should be delivered now; an empty buffer never is.</summary>
    public bool IsDue(DateTimeOffset now) => Count > 0 && (IsFull || now - StartedAt >= interval);

    /// <summary>When the interval makes the buffer due; null while it is empty.</summary>
    public DateTimeOffset? DueAt => StartedAt + interval;

    public bool Holds(string shardId) => _lastSequenceByShard.ContainsKey(shardId);

    /// <summary>Hands the records over as one batch and starts empty again.</summary>
    public DeliveryBatch Take()
    {
        var batch = new DeliveryBatch([.. _records], new Dictionary<string, string>(_lastSequenceByShard, StringComparer.Ordinal));
        _records.Clear();
        _lastSequenceByShard.Clear();
        Bytes = 0;
        StartedAt = null;
        return batch;
    }
}

/// <summary>One record as the delivery stream read it from a shard.</summary>
public sealed record BufferedRecord(string ShardId, string SequenceNumber, DateTimeOffset ApproximateArrival, ReadOnlyMemory<byte> Data);

/// <summary>The records of one object, and per shard the last sequence number among them (the checkpoint once it is stored).</summary>
public sealed record DeliveryBatch(IReadOnlyList<BufferedRecord> Records, IReadOnlyDictionary<string, string> LastSequenceByShard)
{
    /// <summary>The arrival time the object's prefix and name are evaluated on, as Firehose does.</summary>
    public DateTimeOffset OldestArrival => Records.Min(r => r.ApproximateArrival);
}
