namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// The event source mapping's settings, named as in the Lambda API so that the local host and the deployed mapping
/// are configured alike. <see cref="Timeout.InfiniteTimeSpan"/> and -1 mean "no limit", as in AWS.
/// </summary>
public sealed record EventSourceMappingSettings
{
    public int BatchSize { get; init; } = 100;

    /// <summary>How long records are gathered before a partial batch is delivered; zero delivers what one poll returns.</summary>
    public TimeSpan MaximumBatchingWindow { get; init; } = TimeSpan.FromSeconds(1);

    public bool BisectBatchOnFunctionError { get; init; } = true;

    /// <summary>
    /// Retries of a failing batch before it is skipped: -1 (AWS's default) retries until the records are too old, 0 to
    /// 10000 otherwise.
    /// </summary>
    public int MaximumRetryAttempts { get; init; } = -1;

    /// <summary>
    /// Records older than this are skipped without invoking the function: <see cref="Timeout.InfiniteTimeSpan"/> (AWS's
    /// default, -1 in the API) never skips, otherwise 60 seconds to 7 days, as AWS accepts.
    /// </summary>
    public TimeSpan MaximumRecordAge { get; init; } = Timeout.InfiniteTimeSpan;

    public bool ReportBatchItemFailures { get; init; } = true;

    /// <summary>
    /// <c>TumblingWindowInSeconds</c>: zero invokes per batch; otherwise records are grouped into windows of this
    /// width by arrival time, the function's state is carried between a window's invocations, and a last invocation
    /// with <c>isFinalInvokeForWindow</c> closes each window (docs/flush-interval.md).
    /// </summary>
    public TimeSpan TumblingWindow { get; init; } = TimeSpan.Zero;

    public StartingPosition StartingPosition { get; init; } = StartingPosition.TrimHorizon;

    /// <summary>Wait between polls of a shard that had nothing new.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often ListShards is called to pick up child shards after a reshard.</summary>
    public TimeSpan ShardDiscoveryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before retrying a failed invocation or Kinesis call; it doubles up to <see cref="MaximumRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The cap on one wait between retries. With unlimited retries a shard may retry for minutes; the cap is what
    /// makes it resume within a few seconds once the outage behind the failures ends.
    /// </summary>
    public TimeSpan MaximumRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The local stand-in for the mapping's on-failure destination: a JSON-lines file that receives one invocation
    /// record per skipped batch. Null keeps only the log line.
    /// </summary>
    public string? OnFailureDestinationPath { get; init; }

    // The bounds CreateEventSourceMapping accepts for a Kinesis source: a file the deployment would refuse must not
    // run locally either.
    internal const int MaximumRetryAttemptsLimit = 10_000;

    internal static readonly TimeSpan MinimumRecordAge = TimeSpan.FromSeconds(60);

    internal static readonly TimeSpan MaximumRecordAgeLimit = TimeSpan.FromSeconds(604_800);

    /// <summary>What Lambda accepts as <c>TumblingWindowInSeconds</c>: whole seconds from 0 (none) to 900.</summary>
    public static bool IsValidTumblingWindow(TimeSpan width) =>
        width >= TimeSpan.Zero && width <= TimeSpan.FromSeconds(900) && width.Ticks % TimeSpan.TicksPerSecond == 0;

    internal bool HasRetryLimit => MaximumRetryAttempts >= 0;

    internal bool IsTumbling => TumblingWindow > TimeSpan.Zero;

    internal bool HasRecordAgeLimit => MaximumRecordAge != Timeout.InfiniteTimeSpan;

    internal void Validate()
    {
        if (BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be between 1 and 10000.");
        }

        if (MaximumRetryAttempts is < -1 or > MaximumRetryAttemptsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRetryAttempts), MaximumRetryAttempts, "MaximumRetryAttempts must be -1 (infinite) or 0 to 10000.");
        }

        if (MaximumRecordAge != Timeout.InfiniteTimeSpan && (MaximumRecordAge < MinimumRecordAge || MaximumRecordAge > MaximumRecordAgeLimit))
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaximumRecordAge),
                MaximumRecordAge,
                "MaximumRecordAge must be infinite (-1 in the API) or 60 to 604800 seconds.");
        }

        if (!IsValidTumblingWindow(TumblingWindow))
        {
            throw new ArgumentOutOfRangeException(nameof(TumblingWindow), TumblingWindow, "TumblingWindowInSeconds must be a whole number of seconds from 0 to 900.");
        }

        // A window's invocations carry state, so a batch is never split or skipped part way: the local host retries
        // until the function succeeds, and says so rather than quietly ignoring the limits.
        if (IsTumbling && (HasRetryLimit || HasRecordAgeLimit || BisectBatchOnFunctionError))
        {
            throw new ArgumentException(
                "With TumblingWindowInSeconds a failing invocation is retried whole until it succeeds, its state unchanged: " +
                "MaximumRetryAttempts and MaximumRecordAgeInSeconds must be -1 and BisectBatchOnFunctionError false.");
        }

        if (MaximumBatchingWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumBatchingWindow), MaximumBatchingWindow, "MaximumBatchingWindow must not be negative.");
        }

        if (PollInterval <= TimeSpan.Zero || ShardDiscoveryInterval <= TimeSpan.Zero || RetryBaseDelay <= TimeSpan.Zero || MaximumRetryDelay < RetryBaseDelay)
        {
            throw new ArgumentException("PollInterval, ShardDiscoveryInterval and RetryBaseDelay must be positive, and MaximumRetryDelay at least RetryBaseDelay.");
        }
    }
}
