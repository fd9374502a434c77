using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Reads one shard in order: waits for its parents to be finished, resumes after its checkpoint, gathers records up
/// to the batch size or the batching window, hands each batch to the function's <see cref="BatchProcessor"/> or to a
/// record sink, and marks the shard finished once a closed shard is read to its end and the sink has stored it all.
/// </summary>
internal sealed class ShardPoller(
    ShardContext context,
    Shard shard,
    ShardIteratorPosition startingPosition,
    Func<string, CancellationToken, Task> waitForShardFinished,
    IShardBatchSink processor)
{

    private EventSourceMappingSettings Settings => context.Settings;

    private string ShardId => shard.ShardId;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await WaitForParentsAsync(cancellationToken);
        var function = context.Identity.FunctionName;
        var checkpoint = await context.Checkpoints.GetAsync(function, ShardId, cancellationToken);
        if (checkpoint is not null)
        {
            context.CheckpointAdvanced(ShardId, checkpoint);
        }

        if (await context.Checkpoints.IsShardFinishedAsync(function, ShardId, cancellationToken))
        {
            return;
        }

        await PollAsync(await processor.ResumeAfterAsync(checkpoint, cancellationToken), cancellationToken);
        await processor.DrainAsync(cancellationToken);
        await context.Checkpoints.MarkShardFinishedAsync(function, ShardId, cancellationToken);
        context.Log($"{ShardId}: closed shard read to its end");
    }

    private async Task WaitForParentsAsync(CancellationToken cancellationToken)
    {
        foreach (var parent in new[] { shard.ParentShardId, shard.AdjacentParentShardId })
        {
            if (parent is not null)
            {
                await waitForShardFinished(parent, cancellationToken);
            }
        }
    }

    private async Task PollAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        var iterator = await AcquireIteratorAsync(checkpoint, cancellationToken);
        var pastFirstRecord = checkpoint is not null;
        var buffer = new List<KinesisRecord>(Settings.BatchSize);
        DateTimeOffset? windowStart = null;
        var shardEnded = false;
        var failures = 0;
        while (true)
        {
            var gotRecords = false;
            if (!shardEnded && buffer.Count < Settings.BatchSize && InvocationPayload.Fitting(buffer) == buffer.Count)
            {
                // Known before the read: a shard closed by then has every record it will ever hold stored.
                var closedBeforeRead = shard.IsClosed || context.ClosedShards.ContainsKey(ShardId);
                GetRecordsResult result;
                try
                {
                    result = await context.Kinesis.GetRecordsAsync(iterator!, Settings.BatchSize - buffer.Count, cancellationToken);
                    if (failures > 0)
                    {
                        context.Counters.Progressed(ShardId);
                        failures = 0;
                    }
                }
                catch (KinesisExpiredIteratorException)
                {
                    // Records gathered but not delivered are read again from the checkpoint.
                    context.Log($"{ShardId}: shard iterator expired; re-acquiring after the checkpoint");
                    buffer.Clear();
                    windowStart = null;
                    checkpoint = await processor.ResumeAfterAsync(
                        await context.Checkpoints.GetAsync(context.Identity.FunctionName, ShardId, cancellationToken), cancellationToken);
                    iterator = await AcquireIteratorAsync(checkpoint, cancellationToken);
                    pastFirstRecord = checkpoint is not null;
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    context.FailRetrying(ShardId, $"{ShardId}: GetRecords failed ({ex.GetType().Name}: {ex.Message}); backing off");
                    await RetryDelay.WaitAsync(failures++, Settings, context.Time, cancellationToken);
                    continue;
                }

                gotRecords = result.Records.Count > 0;
                if (gotRecords)
                {
                    windowStart ??= context.Time.GetUtcNow();
                    buffer.AddRange(result.Records);
                }

                // kinesalite answers a read that finds nothing with an iterator at the same place in the shard but at the
                // current second. A record that took that very place in an earlier second (the first of a new stream, read
                // from TRIM_HORIZON) and was stored only after the read then sorts behind the new iterator and is never
                // returned. Once a record has been read every later one takes a later place; until then the iterator of an
                // empty read is left unused, unless the shard was closed before the read: then nothing is still being
                // stored, and only kinesalite's iterators lead to the end of an empty closed shard.
                pastFirstRecord |= gotRecords;
                shardEnded = result.NextShardIterator is null;
                iterator = pastFirstRecord || shardEnded || closedBeforeRead ? result.NextShardIterator : iterator;
            }

            var windowElapsed = windowStart is not null && context.Time.GetUtcNow() - windowStart >= Settings.MaximumBatchingWindow;
            var fitting = InvocationPayload.Fitting(buffer);
            if (buffer.Count > 0 && (buffer.Count >= Settings.BatchSize || fitting < buffer.Count || windowElapsed || shardEnded))
            {
                // Lambda cuts a batch where the event would pass its 6 MB payload limit; the rest starts the next one.
                await processor.ProcessAsync(buffer.Take(fitting).ToArray(), cancellationToken);
                buffer.RemoveRange(0, fitting);
                windowStart = buffer.Count == 0 ? null : windowStart;
                continue;
            }

            if (shardEnded)
            {
                return;
            }

            if (!gotRecords)
            {
                if (buffer.Count == 0)
                {
                    await processor.IdleAsync(cancellationToken);
                }

                await Task.Delay(IdleWait(windowStart), context.Time, cancellationToken);
            }
        }
    }

    private TimeSpan IdleWait(DateTimeOffset? windowStart)
    {
        if (windowStart is null)
        {
            return Settings.PollInterval;
        }

        var windowLeft = windowStart.Value + Settings.MaximumBatchingWindow - context.Time.GetUtcNow();
        return windowLeft < Settings.PollInterval ? (windowLeft > TimeSpan.Zero ? windowLeft : TimeSpan.Zero) : Settings.PollInterval;
    }

    private async Task<string> AcquireIteratorAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        var position = checkpoint is null ? startingPosition : ShardIteratorPosition.AfterSequenceNumber(checkpoint);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var iterator = await context.Kinesis.GetShardIteratorAsync(context.Identity.StreamName, ShardId, position, cancellationToken);
                if (attempt > 0)
                {
                    context.Counters.Progressed(ShardId);
                }

                return iterator;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                context.FailRetrying(ShardId, $"{ShardId}: GetShardIterator failed ({ex.GetType().Name}: {ex.Message}); backing off");
                await RetryDelay.WaitAsync(attempt, Settings, context.Time, cancellationToken);
            }
        }
    }
}
