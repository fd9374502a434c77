using System.Collections.Concurrent;
using System.Globalization;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// The local stand-in for a Lambda event source mapping on a Kinesis stream: one poller per shard invokes the same
/// Stream handler the deployed function runs, with the mapping's batching, retry, bisect and checkpoint semantics.
/// Shards are re-listed periodically so that the children of a split are picked up once their parents are done.
/// </summary>
public sealed class EventSourceMappingHost : IAsyncDisposable
{
    private readonly ShardContext _context;
    private readonly IRecordSink? _sink;
    private readonly ConcurrentDictionary<string, string?> _checkpoints = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new();
    private readonly ConcurrentDictionary<string, Task> _pollers = new();
    private readonly SemaphoreSlim _discoveryLock = new(1, 1);
    private readonly SemaphoreSlim _rediscover = new(0, int.MaxValue);
    private CancellationTokenSource? _stopping;
    private Task? _discoveryLoop;
    private bool _initialDiscoveryDone;

    public EventSourceMappingHost(
        string functionName,
        string streamName,
        string streamArn,
        string region,
        IKinesisClient kinesis,
        StreamHandler handler,
        EventSourceMappingSettings settings,
        ICheckpointStore checkpoints,
        TimeProvider time,
        Action<string>? log = null)
        : this(functionName, streamName, streamArn, region, kinesis, handler ?? throw new ArgumentNullException(nameof(handler)), null, settings, checkpoints, time, log)
    {
    }

    /// <summary>
    /// A record sink reads the stream through the mapping instead of a function: it gets every record as it is read and
    /// commits checkpoints itself (see <see cref="IRecordSink"/>); retries, bisect and the on-failure destination do
    /// not apply.
    /// </summary>
    public EventSourceMappingHost(
        string consumerName,
        string streamName,
        string streamArn,
        string region,
        IKinesisClient kinesis,
        Func<IRecordSinkHost, IRecordSink> sink,
        EventSourceMappingSettings settings,
        ICheckpointStore checkpoints,
        TimeProvider time,
        Action<string>? log = null)
        : this(consumerName, streamName, streamArn, region, kinesis, null, sink ?? throw new ArgumentNullException(nameof(sink)), settings, checkpoints, time, log)
    {
    }

    private EventSourceMappingHost(
        string functionName,
        string streamName,
        string streamArn,
        string region,
        IKinesisClient kinesis,
        StreamHandler? handler,
        Func<IRecordSinkHost, IRecordSink>? sink,
        EventSourceMappingSettings settings,
        ICheckpointStore checkpoints,
        TimeProvider time,
        Action<string>? log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(kinesis);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(time);
        settings.Validate();

        var identity = new MappingIdentity(functionName, streamName, streamArn, region);
        var write = log ?? (_ => { });
        _context = new ShardContext(
            identity,
            kinesis,
            handler,
            settings,
            checkpoints,
            new OnFailureDestination(settings.OnFailureDestinationPath, identity, time),
            new EventSourceMappingCounters(),
            time,
            message => write($"esm[{functionName}] {message}"),
            (shardId, sequenceNumber) => _checkpoints[shardId] = sequenceNumber);
        _sink = sink?.Invoke(new SinkHost(_context));
    }

    /// <summary>The last checkpointed sequence number of every shard seen so far (null: nothing processed yet).</summary>
    public IReadOnlyDictionary<string, string?> CheckpointsByShard => new Dictionary<string, string?>(_checkpoints);

    public EventSourceMappingStats Stats => _context.Counters.Snapshot();

    /// <summary>The shards whose batch or read keeps failing and is being retried; empty when every shard moves.</summary>
    public IReadOnlyList<ShardRetryState> RetryingShards => _context.Counters.RetryingShards();

    public bool IsRunning => _stopping is { IsCancellationRequested: false };

    /// <summary>Lists the shards, starts their pollers and the periodic re-discovery; returns once polling has begun.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The host was already started; create a new host to start again.");
        }

        _stopping = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await DiscoverShardsAsync(linked.Token);
        _discoveryLoop = Task.Run(() => DiscoveryLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Stops polling; an invocation in flight is cancelled and its batch is not checkpointed.</summary>
    public async Task StopAsync()
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        // Discovery first: once it has ended no poller can be added behind our back.
        await EndQuietlyAsync(_discoveryLoop ?? Task.CompletedTask);
        await EndQuietlyAsync(Task.WhenAll(_pollers.Values));
    }

    private static async Task EndQuietlyAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Expected: every loop ends by cancellation.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping?.Dispose();
        _discoveryLock.Dispose();
        _rediscover.Dispose();
    }

    /// <summary>
    /// Completes once every shard named in <paramref name="targetSequenceByShard"/> is checkpointed at or past its
    /// target sequence number, or throws <see cref="TimeoutException"/> naming the shards still behind.
    /// </summary>
    public Task WaitUntilCaughtUpAsync(IReadOnlyDictionary<string, string> targetSequenceByShard, TimeSpan deadline, CancellationToken cancellationToken = default) =>
        CatchUp.WaitAsync(
            $"Function '{_context.Identity.FunctionName}' on stream '{_context.Identity.StreamName}'",
            targetSequenceByShard,
            (shardId, _) => Task.FromResult(_checkpoints.GetValueOrDefault(shardId)),
            () => null,
            deadline,
            _context.Settings.PollInterval,
            _context.Time,
            cancellationToken);

    private async Task DiscoveryLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // A finished shard wakes discovery early: its children may be waiting to be listed.
                await _rediscover.WaitAsync(_context.Settings.ShardDiscoveryInterval, cancellationToken);
                await DiscoverShardsAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Discovery must outlive a failed ListShards; the next round tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _context.Fail($"ListShards failed ({ex.GetType().Name}: {ex.Message}); will retry");
            }
        }
    }

    private async Task DiscoverShardsAsync(CancellationToken cancellationToken)
    {
        await _discoveryLock.WaitAsync(cancellationToken);
        try
        {
            var shards = await _context.Kinesis.ListShardsAsync(_context.Identity.StreamName, cancellationToken);
            foreach (var shard in shards.Where(shard => shard.IsClosed))
            {
                _context.ClosedShards[shard.ShardId] = true;
            }

            var fresh = shards.Where(shard => !_finished.ContainsKey(shard.ShardId)).ToList();
            foreach (var shard in fresh)
            {
                _finished[shard.ShardId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _checkpoints.TryAdd(shard.ShardId, null);
            }

            foreach (var shard in fresh)
            {
                var start = StartingPositionFor();
                IShardBatchSink processor = _sink is not null
                    ? new ShardRecordSink(_sink, shard.ShardId)
                    : _context.Settings.IsTumbling ? new TumblingBatchProcessor(_context, shard.ShardId) : new BatchProcessor(_context, shard.ShardId);
                var poller = new ShardPoller(_context, shard, start, WaitForShardFinishedAsync, processor);
                _pollers[shard.ShardId] = Task.Run(() => SuperviseAsync(poller, shard.ShardId, _stopping!.Token), CancellationToken.None);
            }

            if (fresh.Count > 0)
            {
                _context.Log($"polling {fresh.Count} new shard(s): {string.Join(", ", fresh.Select(shard => shard.ShardId))}");
            }

            _initialDiscoveryDone = true;
        }
        finally
        {
            _discoveryLock.Release();
        }
    }

    // LATEST applies only to the shards listed when the mapping starts; a shard created later (a child of a split)
    // holds only records newer than the start, so it is read from its beginning.
    private ShardIteratorPosition StartingPositionFor() =>
        _initialDiscoveryDone || _context.Settings.StartingPosition == StartingPosition.TrimHorizon
            ? ShardIteratorPosition.TrimHorizon
            : ShardIteratorPosition.Latest;

    private async Task SuperviseAsync(ShardPoller poller, string shardId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await poller.RunAsync(cancellationToken);
                _finished[shardId].TrySetResult();
                _rediscover.Release();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A poller restarts from its checkpoint after any unexpected error rather than die silently.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _context.FailRetrying(shardId, $"{shardId}: poller failed ({ex.GetType().Name}: {ex.Message}); restarting from the checkpoint");
                await RetryDelay.WaitAsync(attempt, _context.Settings, _context.Time, cancellationToken);
            }
        }
    }

    // A parent that ListShards no longer returns has aged out of the stream: there is nothing left to wait for.
    private Task WaitForShardFinishedAsync(string shardId, CancellationToken cancellationToken) =>
        _finished.TryGetValue(shardId, out var finished) ? finished.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    private sealed class SinkHost(ShardContext context) : IRecordSinkHost
    {
        public async Task CommitAsync(string shardId, string sequenceNumber, int records, CancellationToken cancellationToken)
        {
            await context.Checkpoints.SetAsync(context.Identity.FunctionName, shardId, sequenceNumber, cancellationToken);
            context.CheckpointAdvanced(shardId, sequenceNumber);
            context.Counters.Progressed(shardId);
            context.Counters.Delivered(records);
        }

        public void Fail(string message)
        {
            context.Fail(message);
            context.Counters.Retried();
        }

        public void Log(string message) => context.Log(message);
    }
}
