using System.Globalization;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Contracts.Kpl;

namespace Telemetry.Producer.Sending;

/// <summary>
/// Sends records through PutRecords and accounts for every one of them: each ends up <see cref="Sent"/> or
/// <see cref="Failed"/>. A 200 response can carry per-entry failures, so only the failed entries are re-sent, with
/// exponential backoff and full jitter, up to <see cref="SenderOptions.MaxRetries"/>. Transient whole-call errors
/// are retried the same way. Cancellation of the token given to <see cref="SendAsync"/> counts whatever is unsent
/// as failed and returns; only a non-transient error propagates (after its records are counted as failed).
/// Not thread-safe for concurrent <see cref="SendAsync"/> calls (it runs its own lanes concurrently); the counters
/// may be read from any thread.
/// </summary>
public sealed class PutRecordsSender
{
    private readonly IKinesisClient _client;
    private readonly string _streamName;
    private readonly SenderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly IRecordOutcomes? _outcomes;
    private readonly ShardSequenceTracker _sequences = new();
    private readonly Lock _sequencesLock = new();
    private RecordAggregator? _aggregator;

    // Lanes run calls concurrently; the observer is told of one record at a time, as its contract says.
    private readonly Lock _outcomesLock = new();
    private long _sent;
    private long _failed;
    private long _retries;
    private string? _lastError;

    public PutRecordsSender(
        IKinesisClient client, string streamName, SenderOptions? options = null, TimeProvider? timeProvider = null, Random? random = null, IRecordOutcomes? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        _client = client;
        _streamName = streamName;
        _options = options ?? new SenderOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _outcomes = outcomes;
    }

    /// <summary>Raised after every PutRecords call, successful or not, so that progress can be shown.</summary>
    public event EventHandler? CallCompleted;

    /// <summary>Records acknowledged by Kinesis, an aggregated record counting the records it carries.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Records finally given up on: retries exhausted, oversized, cancelled at the flush deadline or a fatal error.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Reading re-sends (a whole-call retry of n readings counts n, however they were packed).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>The last failure seen (error code or exception), for display.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Highest acknowledged sequence number per shard id.</summary>
    public IReadOnlyDictionary<string, string> HighestSequenceNumberByShard
    {
        get
        {
            lock (_sequencesLock)
            {
                return _sequences.Snapshot();
            }
        }
    }

    /// <summary>
    /// Counts records as failed and tells the observer they were given up on; also for records that never reached
    /// the sender (for example still held back when a fatal error stopped the run).
    /// </summary>
    public void CountAsFailed(IReadOnlyCollection<OutgoingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        Interlocked.Add(ref _failed, records.Sum(r => r.Readings));
        if (_outcomes is not null)
        {
            lock (_outcomesLock)
            {
                foreach (var record in records.SelectMany(r => r.Unpacked))
                {
                    _outcomes.GivenUp(record);
                }
            }
        }
    }

    /// <summary>
    /// Packs <paramref name="records"/> into calls within the service limits and sends them; with
    /// <see cref="SenderOptions.Aggregate"/>, into KPL aggregated records first (the shards are listed once). With
    /// <see cref="SenderOptions.MaxInFlight"/> above 1, records go in lanes, up to that many calls at once: a device's
    /// records (an aggregated record's, its shard's) all go in one lane, in order, so their order holds.
    /// </summary>
    public async Task SendAsync(IEnumerable<OutgoingRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<OutgoingRecord> given = records as IReadOnlyList<OutgoingRecord> ?? [.. records];
        RecordAggregator? aggregator = null;
        if (_options.Aggregate)
        {
            aggregator = await AggregatorAsync(given, cancellationToken);
            if (aggregator is null)
            {
                return;
            }

            given = aggregator.Pack(given);
        }

        if (_options.MaxInFlight == 1)
        {
            await SendLaneAsync(given, slots: null, cancellationToken);
            return;
        }

        var lanes = given.GroupBy(r => LaneOf(r, aggregator), StringComparer.Ordinal).Select(g => (IReadOnlyList<OutgoingRecord>)[.. g]).ToList();
        using var slots = new SemaphoreSlim(_options.MaxInFlight);
        var stop = new LaneStop();
        // Every lane accounts for all of its records; after an error no lane starts another call.
        await Task.WhenAll(lanes.Select(lane => SendLaneAsync(lane, slots, cancellationToken, stop)));
    }

    private sealed class LaneStop
    {
        public volatile bool Stopped;
    }

    // The shard map, listed once and again after a record landed on another shard than the map said (a reshard).
    // Transient failures are retried as calls are; null when cancelled, with the records counted as failed.
    private async Task<RecordAggregator?> AggregatorAsync(IReadOnlyList<OutgoingRecord> given, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            if (Volatile.Read(ref _aggregator) is { } known)
            {
                return known;
            }

            try
            {
                var shards = await _client.ListShardsAsync(_streamName, cancellationToken);
                Volatile.Write(ref _aggregator, new RecordAggregator(shards, _options.AggregateMaxBytes, _options.MaxInFlight));
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                CountAsFailed(given);
                return null;
            }
            catch (Exception exception) when (_options.IsTransient(exception) && retry < _options.MaxRetries)
            {
                Volatile.Write(ref _lastError, $"listing the shards to aggregate for: {exception.GetType().Name}: {exception.Message}");
            }
            catch (Exception exception)
            {
                Volatile.Write(ref _lastError, $"listing the shards to aggregate for: {exception.GetType().Name}: {exception.Message}");
                CountAsFailed(given);
                throw;
            }

            if (!await WaitToRetryAsync(retry, cancellationToken))
            {
                CountAsFailed(given);
                return null;
            }
        }
    }

    // The backoff before a retry, with full jitter; false when cancelled meanwhile. Lanes share the Random.
    private async Task<bool> WaitToRetryAsync(int attempt, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_random)
        {
            delay = Backoff.Delay(attempt, _options.BaseDelay, _options.MaxDelay, _random);
        }

        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // An aggregated record's lane, as its readings were grouped; otherwise a share of the partition keys' hash space.
    private string LaneOf(OutgoingRecord record, RecordAggregator? aggregator) =>
        aggregator is not null
            ? aggregator.LaneOf(record.PartitionKey)
            : (PartitionHash.Of(record.PartitionKey) % (uint)_options.MaxInFlight).ToString(CultureInfo.InvariantCulture);

    // One lane's records in calls, one call after the other; a slot is held for each call.
    private async Task SendLaneAsync(IReadOnlyList<OutgoingRecord> records, SemaphoreSlim? slots, CancellationToken cancellationToken, LaneStop? stop = null)
    {
        var packed = PutRecordsBatcher.Pack(records);
        if (packed.Oversized.Count > 0)
        {
            CountAsFailed(packed.Oversized);
            Volatile.Write(ref _lastError, $"{packed.Oversized.Count} record(s) over the PutRecords size limit");
        }

        for (var i = 0; i < packed.Batches.Count; i++)
        {
            if (slots is not null)
            {
                try
                {
                    await slots.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled while waiting for a slot: this call and the rest of the lane were never sent.
                    CountAsFailed(packed.Batches.Skip(i).SelectMany(b => b).ToList());
                    return;
                }
            }

            try
            {
                if (stop?.Stopped == true)
                {
                    // Another lane's call failed for good (the stream is gone, access denied): that one is reported.
                    CountAsFailed(packed.Batches.Skip(i).SelectMany(b => b).ToList());
                    return;
                }

                await SendBatchAsync(packed.Batches[i], cancellationToken);
            }
            catch
            {
                stop?.Stopped = true;
                CountAsFailed(packed.Batches.Skip(i + 1).SelectMany(b => b).ToList());
                throw;
            }
            finally
            {
                slots?.Release();
            }
        }
    }

    private async Task SendBatchAsync(IReadOnlyList<OutgoingRecord> batch, CancellationToken cancellationToken)
    {
        var pending = batch;
        for (var retry = 0; ; retry++)
        {
            if (retry > 0)
            {
                if (!await WaitToRetryAsync(retry - 1, cancellationToken))
                {
                    CountAsFailed(pending);
                    return;
                }

                Interlocked.Add(ref _retries, pending.Sum(r => r.Readings));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                CountAsFailed(pending);
                return;
            }

            var failed = await PutOnceAsync(pending, cancellationToken);
            CallCompleted?.Invoke(this, EventArgs.Empty);
            if (failed is null)
            {
                CountAsFailed(pending);
                return;
            }

            if (failed.Count == 0)
            {
                return;
            }

            if (retry >= _options.MaxRetries)
            {
                CountAsFailed(failed);
                return;
            }

            pending = failed;
        }
    }

    /// <returns>The records to retry; null when the call was cancelled and nothing more may be tried.</returns>
    private async Task<IReadOnlyList<OutgoingRecord>?> PutOnceAsync(IReadOnlyList<OutgoingRecord> pending, CancellationToken cancellationToken)
    {
        PutRecordsResult result;
        try
        {
            result = await _client.PutRecordsAsync(_streamName, pending.Select(r => r.Entry).ToArray(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (_options.IsTransient(exception))
        {
            Volatile.Write(ref _lastError, $"{exception.GetType().Name}: {exception.Message}");
            return pending;
        }
        catch (Exception exception)
        {
            Volatile.Write(ref _lastError, $"{exception.GetType().Name}: {exception.Message}");
            CountAsFailed(pending);
            throw;
        }

        var failed = new List<OutgoingRecord>();
        var sent = 0L;
        var highestInCall = new Dictionary<string, (SequenceNumber Sequence, string Text)>(StringComparer.Ordinal);
        for (var i = 0; i < pending.Count; i++)
        {
            // A response shorter than the request is malformed; the missing entries cannot be confirmed, so retry them.
            var entry = i < result.Entries.Count ? result.Entries[i] : null;
            if (entry is null || !entry.Succeeded)
            {
                failed.Add(pending[i]);
                Volatile.Write(ref _lastError, entry is null ? "missing result entry" : $"{entry.ErrorCode}: {entry.ErrorMessage}");
                continue;
            }

            sent += pending[i].Readings;
            if (pending[i].Members is not null && _aggregator is { } map && entry.ShardId is { } landed && map.ShardOf(pending[i].PartitionKey) != landed)
            {
                // The stream was resharded: list the shards again before the next records are grouped.
                Volatile.Write(ref _aggregator, null);
            }

            if (_outcomes is not null)
            {
                lock (_outcomesLock)
                {
                    // An aggregated record's readings share its shard and sequence number, each with its sub-sequence.
                    var sub = 0;
                    foreach (var record in pending[i].Unpacked)
                    {
                        _outcomes.Acknowledged(record, entry.ShardId, entry.SequenceNumber, pending[i].Members is null ? null : sub++);
                    }
                }
            }

            // An acknowledgement without a readable sequence number still counts as sent; it only cannot be tracked.
            if (entry.ShardId is not null && SequenceNumber.TryParse(entry.SequenceNumber, out var sequence)
                && (!highestInCall.TryGetValue(entry.ShardId, out var highest) || sequence > highest.Sequence))
            {
                highestInCall[entry.ShardId] = (sequence, entry.SequenceNumber!);
            }
        }

        Interlocked.Add(ref _sent, sent);
        if (highestInCall.Count > 0)
        {
            lock (_sequencesLock)
            {
                foreach (var (shardId, highest) in highestInCall)
                {
                    _sequences.Observe(shardId, highest.Text);
                }
            }
        }

        return failed;
    }
}
