namespace Telemetry.Producer.Sending;

/// <summary>How hard <see cref="PutRecordsSender"/> tries before it counts a record as lost.</summary>
public sealed record SenderOptions
{
    /// <summary>Re-sends allowed per batch after the first attempt; a record still failing after them is lost.</summary>
    public int MaxRetries { get; init; } = 10;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether records are packed into KPL aggregated records, by shard, before they are put: many readings per
    /// Kinesis record, so a shard's 1,000 records per second carry many times as many readings.
    /// </summary>
    public bool Aggregate { get; init; }

    /// <summary>
    /// PutRecords calls in flight at once, each lane of records (by partition key, or by shard when aggregating)
    /// one call after another, so each device's readings keep their order. 1: one call at a time.
    /// </summary>
    public int MaxInFlight
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one call in flight.");
    } = 1;

    /// <summary>The most one aggregated record may take, data plus partition key.</summary>
    public int AggregateMaxBytes { get; init; } = RecordAggregator.DefaultMaxRecordBytes;

    /// <summary>Whether a whole-call exception is worth retrying; others propagate after the records are counted as failed.</summary>
    public Func<Exception, bool> IsTransient { get; init; } = TransientErrors.IsTransient;
}
