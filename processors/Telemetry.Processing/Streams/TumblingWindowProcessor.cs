using Telemetry.Contracts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Tumbling;

namespace Telemetry.Processing.Streams;

/// <summary>
/// The aggregator under a tumbling window: each invocation folds its records into the partial rollups carried in the
/// state, storing only the rejects; the last invocation of the window (or one whose state grew past the budget) writes
/// every touched window once. Exactly-once holds as for single batches: a partial is folded into a stored window only
/// if the window holds none of its readings, skipped if it holds all, and otherwise its records are read from the
/// shard again and applied reading by reading. See docs/flush-interval.md.
/// </summary>
public sealed class TumblingWindowProcessor
{
    /// <summary>The encoded state above which the partials are written at once: half of Lambda's 1 MB per shard.</summary>
    public const int DefaultStateBudget = 512 * 1024;

    private readonly IRollupStore rollups;
    private readonly IPartialRollupStore partialStore;
    private readonly IRejectedStore rejected;
    private readonly IShardRangeSource source;
    private readonly AggregationOptions options;
    private readonly TimeProvider timeProvider;
    private readonly int stateBudget;

    public TumblingWindowProcessor(
        IRollupStore rollups,
        IPartialRollupStore partialStore,
        IRejectedStore rejected,
        IShardRangeSource source,
        AggregationOptions options,
        TimeProvider timeProvider,
        int stateBudget = DefaultStateBudget)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        ArgumentNullException.ThrowIfNull(partialStore);
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateBudget);
        this.rollups = rollups;
        this.partialStore = partialStore;
        this.rejected = rejected;
        this.source = source;
        this.options = options;
        this.timeProvider = timeProvider;
        this.stateBudget = stateBudget;
    }

    /// <summary>
    /// Folds <paramref name="records"/> (one shard, in order) into <paramref name="state"/>; writes the partials when
    /// <paramref name="final"/> or when the state outgrew the budget, and then returns empty state.
    /// </summary>
    /// <exception cref="RollupFlushException">Something could not be stored; the invocation must be retried with the same state.</exception>
    public async Task<TumblingOutcome> ProcessAsync(
        IReadOnlyList<StreamRecord> records, PartialRollups state, bool final, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(state);
        var gathered = new RollupRecompute(state.Windows);
        var batch = await new StreamBatchProcessor(gathered, rejected, options, timeProvider).ProcessAsync(records, cancellationToken);
        if (!batch.Succeeded)
        {
            throw new RollupFlushException($"{batch.Failed.Count} rejected record(s) could not be stored");
        }

        // The span is the lowest and highest sequence number seen: a retried batch may come again out of order.
        var next = records.Count == 0
            ? state
            : new PartialRollups(
                state.ShardId ?? records[0].ShardId,
                Extreme(records.Select(r => r.SequenceNumber).Append(state.FirstSequence), lowest: true),
                Extreme(records.Select(r => r.SequenceNumber).Append(state.LastSequence), lowest: false),
                gathered.Windows);
        var encoded = PartialRollupsCodec.Encode(next);
        if (!final && encoded.Length <= stateBudget)
        {
            return new TumblingOutcome(batch, next, encoded, Flushed: null);
        }

        var flushed = await FlushAsync(next, cancellationToken);
        return new TumblingOutcome(batch, PartialRollups.Empty, PartialRollupsCodec.Encode(PartialRollups.Empty), flushed);
    }

    private static string Extreme(IEnumerable<string?> sequences, bool lowest)
    {
        var numbers = sequences.OfType<string>().Select(s => (Text: s, Number: SequenceNumber.Parse(s)));
        return (lowest ? numbers.MinBy(n => n.Number) : numbers.MaxBy(n => n.Number)).Text;
    }

    private async Task<FlushSummary> FlushAsync(PartialRollups partials, CancellationToken cancellationToken)
    {
        if (partials.Windows.Count == 0)
        {
            return new FlushSummary(0, 0, 0);
        }

        var result = await partialStore.FlushAsync(partials.Windows, cancellationToken);
        if (result.NeedsReadings.Count > 0)
        {
            await ApplyReadingByReadingAsync(partials, result.NeedsReadings, cancellationToken);
        }

        if (result.Failed.Count > 0)
        {
            throw new RollupFlushException($"{result.Failed.Count} window(s) could not be written, the first {result.Failed[0]}");
        }

        return new FlushSummary(partials.Windows.Count, result.Written, result.NeedsReadings.Count);
    }

    // The readings of each such window are exactly those its partial's identities name: the records are read again
    // and decoded, and only those readings are applied, whatever the time is now (a reading the partial took is not
    // judged late a second time).
    private async Task ApplyReadingByReadingAsync(PartialRollups partials, IReadOnlyList<WindowKey> keys, CancellationToken cancellationToken)
    {
        if (partials.ShardId is null || partials.FirstSequence is null || partials.LastSequence is null)
        {
            throw new InvalidOperationException("Partials without the span of the shard they came from cannot be read again.");
        }

        // Only the devices concerned are kept: the span may hold a whole interval of a busy shard.
        var now = timeProvider.GetUtcNow();
        var devices = keys.Select(k => k.DeviceId).ToHashSet(StringComparer.Ordinal);
        var readings = new List<SequencedReading>();
        var sources = new Dictionary<(string, SequenceNumber, int?), StreamRecord>();
        var records = await source.ReadAsync(partials.ShardId, partials.FirstSequence, partials.LastSequence, Concerned, cancellationToken);
        foreach (var (record, reading) in records.SelectMany(UserRecords.Of).Select(r => (r, Decode(r))))
        {
            if (reading is not null && devices.Contains(reading.Reading.DeviceId))
            {
                readings.Add(reading);
                sources.TryAdd((record.ShardId, reading.Sequence, reading.SubSequence), record);
            }
        }

        var wanted = keys.ToHashSet();
        var windows = BatchPlanner.GroupByWindow(readings, options)
            .Where(w => wanted.Contains(w.Key))
            .Select(w => w with { Readings = [.. w.Readings.Where(r => partials.Windows[w.Key].Absorbed.Contains(r.Reading.Boot, r.Reading.Sequence)).DistinctBy(r => (r.Reading.Boot, r.Reading.Sequence))] })
            .ToDictionary(w => w.Key);

        // A short read must not pass for the whole span: every reading the partial names has to be found again.
        foreach (var key in keys)
        {
            var found = windows.TryGetValue(key, out var window) ? window.Readings.Count : 0;
            if (found != partials.Windows[key].Absorbed.Count)
            {
                throw new RollupFlushException(
                    $"reading {partials.ShardId} {partials.FirstSequence}..{partials.LastSequence} again found {found} of the {partials.Windows[key].Absorbed.Count} readings of {key}");
            }
        }

        // An aggregated record is kept whole when any of its user records is concerned.
        bool Concerned(StreamRecord record) =>
            UserRecords.Of(record).Any(r => Decode(r) is { } reading && devices.Contains(reading.Reading.DeviceId));

        SequencedReading? Decode(StreamRecord record)
        {
            var decoded = ReadingDecoder.Decode(Convert.FromBase64String(record.Data), now);
            return decoded.IsAccepted ? new SequencedReading(record.ShardId, SequenceNumber.Parse(record.SequenceNumber), decoded.Reading, record.SubSequence) : null;
        }

        var applied = await rollups.ApplyAsync([.. windows.Values], cancellationToken);
        var refusals = applied.Refused
            .Select(r => RecordClassifier.Refuse(sources[(r.Reading.ShardId, r.Reading.Sequence, r.Reading.SubSequence)], r.Reason, r.Message))
            .DistinctBy(r => (r.ShardId, r.SequenceNumber, r.SubSequence))
            .ToList();
        var failedRefusals = refusals.Count == 0 ? [] : await rejected.StoreAsync(refusals, now, cancellationToken);
        if (applied.Failed.Count > 0 || failedRefusals.Count > 0)
        {
            throw new RollupFlushException($"{applied.Failed.Count} window(s) and {failedRefusals.Count} refused reading(s) could not be stored reading by reading");
        }
    }
}

/// <summary>What one tumbling-window invocation did.</summary>
/// <param name="Batch">The invocation's records: accepted and rejected.</param>
/// <param name="State">The partials to carry to the next invocation (empty after a flush).</param>
/// <param name="EncodedState">The same, encoded for the response.</param>
/// <param name="Flushed">What the flush wrote; null when the partials were carried on.</param>
public sealed record TumblingOutcome(BatchOutcome Batch, PartialRollups State, string EncodedState, FlushSummary? Flushed);

/// <summary>A flush: windows held, windows folded whole, windows applied reading by reading.</summary>
public sealed record FlushSummary(int Windows, int Written, int ReadingByReading);

/// <summary>A flush or a reject could not be stored; the invocation is retried with the state it was given.</summary>
public sealed class RollupFlushException : Exception
{
    public RollupFlushException()
    {
    }

    public RollupFlushException(string message)
        : base(message)
    {
    }

    public RollupFlushException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
