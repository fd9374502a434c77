using Telemetry.Aws;
using Telemetry.Processing.Streams;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>
/// Applies replayed records to the rollups through the aggregator's own processing, in batches: a reading already
/// counted changes nothing (its identity is in its windows), one never counted is counted once.
/// </summary>
internal sealed class RollupReplay(Func<TimeProvider, StreamBatchProcessor> processorAt, TimeProvider time)
{
    private const int BatchSize = 500;
    private const int Attempts = 5;

    // The live function processes a record seconds after its arrival; a replayed one is judged no later than this.
    private static readonly TimeSpan MaxSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly ArrivalClock _clock = new();
    private readonly List<StreamRecord> _batch = new(BatchSize);
    private StreamBatchProcessor? _processor;

    /// <summary>Readings the aggregator accepted (counted now, or already counted before).</summary>
    public long Accepted { get; private set; }

    /// <summary>Records it rejected, kept in the rejected sink with their reason.</summary>
    public long Rejected { get; private set; }

    /// <summary>Records whose effect could not be stored after every attempt: run the replay again.</summary>
    public long Failed { get; private set; }

    /// <summary>
    /// Adds a record the aggregator accepted at its arrival. A batch spans at most <see cref="MaxSpread"/> of arrivals
    /// (a new shard starts a new batch), so each record is judged within that of its own arrival.
    /// </summary>
    public async Task AddAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        if (_batch.Count > 0
            && (record.ApproximateArrivalTime < _batch[0].ApproximateArrivalTime || record.ApproximateArrivalTime - _batch[0].ApproximateArrivalTime > MaxSpread))
        {
            await FlushAsync(cancellationToken);
        }

        _batch.Add(record);
        if (_batch.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Adds a record the aggregator rejected at its arrival, in a batch of its own judged at exactly that arrival:
    /// judged a little later, a reading stamped just past the future tolerance would be accepted and counted.
    /// </summary>
    public async Task AddRejectedAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _batch.Add(record);
        await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        _processor ??= processorAt(_clock);
        _clock.At = _batch.Max(r => r.ApproximateArrivalTime);
        IReadOnlyList<StreamRecord> pending = [.. _batch];
        _batch.Clear();
        // A failed store is retried with the whole batch: applying a reading twice is a no-op, by its identity.
        var outcome = await _processor.ProcessAsync(pending, cancellationToken);
        for (var attempt = 1; !outcome.Succeeded && attempt < Attempts; attempt++)
        {
            await Task.Delay(Backoff.Delay(attempt - 1, FirstRetry, LastRetry, Random.Shared), time, cancellationToken);
            outcome = await _processor.ProcessAsync(pending, cancellationToken);
        }

        Accepted += outcome.Accepted;
        Rejected += outcome.Rejected;
        Failed += outcome.Failed.Count;
    }
}
