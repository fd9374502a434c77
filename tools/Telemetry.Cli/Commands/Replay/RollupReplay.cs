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

    public async Task AddAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        _batch.Add(record);
        if (_batch.Count >= BatchSize)
        {
            await FlushAsync(cancellationToken);
        }
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
