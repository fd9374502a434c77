namespace Telemetry.Aws.Kinesis;

/// <summary>
/// Keeps one reader of one shard within Kinesis' GetRecords limit: five calls a second per shard, shared by every
/// consumer of the shard, so a reader that goes faster is throttled and slows the others.
/// </summary>
public sealed class GetRecordsPace(TimeProvider time)
{
    /// <summary>The most records one GetRecords call returns.</summary>
    public const int MaxRecordsPerCall = 10_000;

    /// <summary>
    /// Empty pages at 0 ms behind the tip that tell an open shard's tip from a sparse stretch of it: a reader at
    /// its tip stops after this many.
    /// </summary>
    public const int EmptyPagesAtTip = 3;

    private static readonly TimeSpan CallSpacing = TimeSpan.FromMilliseconds(200);
    private DateTimeOffset _lastCall = DateTimeOffset.MinValue;

    /// <summary>Waits until the next call is allowed, then counts it as made.</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        var wait = _lastCall + CallSpacing - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        _lastCall = time.GetUtcNow();
    }
}
