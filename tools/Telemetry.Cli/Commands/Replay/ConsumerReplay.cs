using Telemetry.Aws;
using Telemetry.Processing.Streams;

namespace Telemetry.Cli.Commands.Replay;

/// <summary>One consumer's processing of a batch, as its function runs it.</summary>
internal delegate Task<BatchOutcome> BatchProcessing(IReadOnlyList<StreamRecord> records, CancellationToken cancellationToken);

/// <summary>
/// Applies replayed records through a consumer's own processing (the aggregator's or the alerter's), in batches:
/// a reading already applied changes nothing (the rollups keep its identity in its windows, the alerter the last
/// reading applied per rule), one never applied is applied once.
/// </summary>
/// <param name="processingAt">The consumer's processing with the given clock as its time of processing.</param>
internal sealed class ConsumerReplay(Func<TimeProvider, BatchProcessing> processingAt, TimeProvider time)
{
    private const int BatchSize = 500;
    private const int Attempts = 5;

    // The live function processes a record seconds after its arrival; a replayed one is judged no later than this.
    private static readonly TimeSpan MaxSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly ArrivalClock _clock = new();
    private readonly List<StreamRecord> _batch = new(BatchSize);
    private BatchProcessing? _processing;

    /// <summary>Readings the consumer accepted (applied now, or already before).</summary>
    public long Accepted { get; private set; }

    /// <summary>Records it rejected, kept in the rejected sink with their reason.</summary>
    public long Rejected { get; private set; }

    /// <summary>Records whose effect could not be stored after every attempt: run the replay again.</summary>
    public long Failed { get; private set; }

    /// <summary>
    /// Adds a record the consumer accepted at its arrival. A batch spans at most <see cref="MaxSpread"/> of arrivals
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
    /// Adds a record the consumer rejected at its arrival, in a batch of its own judged at exactly that arrival:
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

        _processing ??= processingAt(_clock);
        _clock.At = _batch.Max(r => r.ApproximateArrivalTime);
        IReadOnlyList<StreamRecord> pending = [.. _batch];
        _batch.Clear();
        // A failed store is retried with the whole batch: applying a reading twice is a no-op, by its identity.
        var outcome = await _processing(pending, cancellationToken);
        for (var attempt = 1; !outcome.Succeeded && attempt < Attempts; attempt++)
        {
            await Task.Delay(Backoff.Delay(attempt - 1, FirstRetry, LastRetry, Random.Shared), time, cancellationToken);
            outcome = await _processing(pending, cancellationToken);
        }

        Accepted += outcome.Accepted;
        Rejected += outcome.Rejected;
        Failed += outcome.Failed.Count;
    }
}
