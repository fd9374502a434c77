using Telemetry.Functions.Events;

namespace Telemetry.Functions.Observability;

/// <summary>Which records an invocation was given: its shard, first and last sequence numbers, and oldest arrival.</summary>
internal sealed record BatchSpan(string? ShardId, string? FirstSequence, string? LastSequence, int Records, DateTimeOffset? OldestArrival)
{
    public static BatchSpan None { get; } = new(null, null, null, 0, null);

    /// <summary>The span of a Kinesis event; Lambda gives one shard's records, in order.</summary>
    public static BatchSpan Of(KinesisEvent kinesisEvent)
    {
        ArgumentNullException.ThrowIfNull(kinesisEvent);
        var records = kinesisEvent.Records;
        if (records.Count == 0)
        {
            return None with { ShardId = kinesisEvent.ShardId };
        }

        var shard = kinesisEvent.ShardId ?? ShardOf(records[0].EventId);
        var oldest = records.Min(r => r.Kinesis.ApproximateArrivalTimestamp);
        return new BatchSpan(shard, records[0].Kinesis.SequenceNumber, records[^1].Kinesis.SequenceNumber, records.Count, DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(oldest * 1000)));
    }

    /// <summary>How long the oldest record had been in the stream at <paramref name="now"/>; null without records.</summary>
    public TimeSpan? AgeAt(DateTimeOffset now) => OldestArrival is { } oldest ? (now > oldest ? now - oldest : TimeSpan.Zero) : null;

    private static string? ShardOf(string eventId) => eventId.IndexOf(':', StringComparison.Ordinal) is > 0 and var at ? eventId[..at] : null;
}
