using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Contracts.Archive;
using Telemetry.Contracts.Kpl;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Archive;

/// <summary>
/// The local stand-in for a Firehose delivery stream with a Kinesis source: records from every shard are buffered
/// together and stored as one object when the buffer reaches its size or its interval, named and partitioned on the
/// arrival time of its oldest record. Records the format refuses go to an object under the error output prefix.
/// A shard's checkpoint moves only once its records are stored, in the object or in the error object, so a crash or
/// a kill re-reads them (a record may be archived twice, as in AWS; none is lost).
/// </summary>
public sealed class DeliveryStream : IRecordSink, IAsyncDisposable
{
    // Firehose stores every object, data or error, whatever its format, as this.
    private const string ContentType = "application/octet-stream";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FinalDeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly ArchiveSettings _settings;
    private readonly IArchiveStore _store;
    private readonly TimeProvider _time;
    private readonly IRecordSinkHost _host;
    private readonly object _gate = new();
    private readonly DeliveryBuffer _buffer;
    private readonly Dictionary<string, SequenceNumber> _committed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private DeliveryBatch? _inFlight;
    private TaskCompletionSource _wake = NewSignal();
    private TaskCompletionSource _delivered = NewSignal();
    private long _objects;
    private long _errorObjects;
    private bool _disposed;

    public DeliveryStream(ArchiveSettings settings, IArchiveStore store, TimeProvider time, IRecordSinkHost host)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _buffer = new DeliveryBuffer(settings.BufferingSizeBytes, settings.BufferingInterval);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Objects stored so far.</summary>
    public long Objects => Interlocked.Read(ref _objects);

    /// <summary>Error objects stored so far: records the format refused.</summary>
    public long ErrorObjects => Interlocked.Read(ref _errorObjects);

    public async Task AcceptAsync(string shardId, IReadOnlyList<KinesisRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        while (true)
        {
            Task delivered;
            lock (_gate)
            {
                // One full buffer waits while the one before it is stored: memory stays at about twice the buffer size.
                if (!_buffer.IsFull)
                {
                    var now = _time.GetUtcNow();
                    var wasEmpty = _buffer.Count == 0;
                    var users = new List<KplUserRecord>();
                    foreach (var record in records)
                    {
                        // Firehose unpacks KPL aggregated records read from a stream and delivers each user record;
                        // one that cannot be read (plain, or corrupt) is delivered as it is.
                        users.Clear();
                        KplReader.ReadOrKeep(record.Data, record.PartitionKey, users);
                        foreach (var user in users)
                        {
                            _buffer.Add(new BufferedRecord(shardId, record.SequenceNumber, record.ApproximateArrivalTimestamp, user.Data), now);
                        }
                    }

                    if (wasEmpty || _buffer.IsFull)
                    {
                        _wake.TrySetResult();
                    }

                    return;
                }

                delivered = _delivered.Task;
            }

            await delivered.WaitAsync(cancellationToken);
        }
    }

    public async Task DrainAsync(string shardId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task delivered;
            lock (_gate)
            {
                if (!_buffer.Holds(shardId) && _inFlight?.LastSequenceByShard.ContainsKey(shardId) != true)
                {
                    return;
                }

                delivered = _delivered.Task;
            }

            await delivered.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the delivery loop and stores what is buffered, within a few seconds; what cannot be stored by then is read
    /// again from the checkpoints at the next start. Stop the shard readers first.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        using var deadline = new CancellationTokenSource(FinalDeliveryTimeout, _time);
        try
        {
            // A batch cut short by the stop goes first: checkpoints must move in order.
            if (_inFlight is { } interrupted)
            {
                await DeliverAsync(interrupted, deadline.Token);
            }

            DeliveryBatch? rest;
            lock (_gate)
            {
                rest = _buffer.Count > 0 ? _buffer.Take() : null;
            }

            if (rest is not null)
            {
                await DeliverAsync(rest, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _host.Log("stopping before the buffered records were stored; they are read again at the next start");
        }

        _stopping.Dispose();
    }

    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(5);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DeliveryBatch? batch;
            Task wake;
            DateTimeOffset? dueAt;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                batch = _buffer.IsDue(now) ? _buffer.Take() : null;
                _inFlight = batch;
                wake = _wake.Task;
                dueAt = _buffer.DueAt;
            }

            if (batch is null)
            {
                // A delay counts from when it starts: if the clock moved while it was being set (a slow thread, a
                // test's fake clock), its deadline would be late, so it is set again from the new time.
                var before = _time.GetUtcNow();
                var wait = dueAt is { } due ? (due > before ? due - before : TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
                using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = Task.Delay(wait, _time, waiting.Token);
                    if (_time.GetUtcNow() - before < ClockSlack)
                    {
                        await Task.WhenAny(wake, delay);
                    }
                    else
                    {
                        await Task.Yield();
                    }

                    // An abandoned delay would keep its timer (an infinite one, its registration) until the stream stops.
                    await waiting.CancelAsync();
                }

                lock (_gate)
                {
                    if (_wake.Task == wake && wake.IsCompleted)
                    {
                        _wake = NewSignal();
                    }
                }

                continue;
            }

            await DeliverUntilDoneAsync(batch, cancellationToken);
            TaskCompletionSource delivered;
            lock (_gate)
            {
                _inFlight = null;
                delivered = _delivered;
                _delivered = NewSignal();
            }

            delivered.SetResult();
        }
    }

    // Whatever fails — a checkpoint file, a format, an accounting check — the batch is tried again, never skipped, and
    // the failure is shown in 'local status': a loop that died quietly would stall every shard behind a full buffer.
    // A retry may store an object again; that is the at-least-once delivery Firehose has too.
    private Task DeliverUntilDoneAsync(DeliveryBatch batch, CancellationToken cancellationToken) =>
        UntilDoneAsync(ct => DeliverAsync(batch, ct), $"could not deliver {batch.Records.Count} records", cancellationToken);

    private async Task DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var oldest = batch.OldestArrival;
        var encoding = _settings.Format.Encode([.. batch.Records.Select(r => r.Data)]);
        encoding.CheckAccountsFor(batch.Records.Count);
        if (encoding.Failures.Count > 0)
        {
            await StoreFailuresAsync(batch, encoding.Failures, cancellationToken);
        }

        var name = new ArchiveObjectName(_settings.Prefix.Evaluate(oldest), _settings.DeliveryStreamName, _settings.Version, oldest, Guid.NewGuid(), _settings.Format.Extension);
        if (encoding.RecordCount > 0)
        {
            await PutAsync(name.Key, encoding.Content, ContentType, cancellationToken);
            Interlocked.Increment(ref _objects);
            _host.Log($"archived {encoding.RecordCount} records ({encoding.Content.Length} bytes) as {name.Key}");
        }

        foreach (var (shardId, last) in batch.LastSequenceByShard)
        {
            var sequence = SequenceNumber.Parse(last);
            // A shard re-read after a restart of its reader may end a later batch below an earlier one: never go back.
            if (_committed.TryGetValue(shardId, out var committed) && sequence <= committed)
            {
                continue;
            }

            await _host.CommitAsync(shardId, last, batch.Records.Count(r => r.ShardId == shardId), cancellationToken);
            _committed[shardId] = sequence;
        }
    }

    // The error object is named and partitioned like any other object, on the oldest record it holds.
    private async Task StoreFailuresAsync(DeliveryBatch batch, IReadOnlyList<ArchiveEncodingFailure> failures, CancellationToken cancellationToken)
    {
        var failed = failures.Select(f => (batch.Records[f.Index], f)).ToList();
        var oldest = failed.Min(f => f.Item1.ApproximateArrival);
        var prefix = _settings.ErrorOutputPrefix.Evaluate(oldest, FirehosePrefix.FormatConversionFailed);
        var name = new ArchiveObjectName(prefix, _settings.DeliveryStreamName, _settings.Version, oldest, Guid.NewGuid(), "");
        await PutAsync(name.Key, FormatConversionErrors.Encode(failed, _time.GetUtcNow()), ContentType, cancellationToken);
        Interlocked.Increment(ref _errorObjects);
        var codes = string.Join(", ", failures.GroupBy(f => f.ErrorCode).Select(g => $"{g.Count()} {g.Key}"));
        _host.Log($"{failures.Count} records failed format conversion ({codes}); stored as {name.Key}");
    }

    // Firehose retries a failed S3 delivery for up to a day; locally it retries until it is stopped, and the records
    // stay behind the checkpoint meanwhile.
    private Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken) =>
        UntilDoneAsync(ct => _store.PutAsync(key, content, contentType, ct), $"could not store {key}", cancellationToken);

    // Tries until it succeeds or the delivery stream stops, each failure shown in 'local status' with its cause.
    private async Task UntilDoneAsync(Func<CancellationToken, Task> work, string failure, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await work(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _host.Fail($"{failure} ({e.GetType().Name}: {e.Message}); retrying");
                await Task.Delay(Backoff.Delay(attempt, FirstRetry, LastRetry, Random.Shared), _time, cancellationToken);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
