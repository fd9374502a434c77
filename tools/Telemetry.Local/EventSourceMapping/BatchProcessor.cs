using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Delivers one batch of a shard to the function until every record is either processed or skipped, with Lambda's
/// stream semantics: checkpoint only after success, resume at the lowest reported item failure, split a failing batch
/// in halves (which is not a retry), and give up after the retry quota or the record age limit.
/// </summary>
internal sealed class BatchProcessor(ShardContext context, string shardId) : IShardBatchSink
{
    private EventSourceMappingSettings Settings => context.Settings;

    public async Task ProcessAsync(IReadOnlyList<KinesisRecord> batch, CancellationToken cancellationToken)
    {
        var pending = new Stack<IReadOnlyList<KinesisRecord>>();
        pending.Push(batch);
        var retries = 0;
        var invocations = 0;
        while (pending.TryPop(out var segment))
        {
            segment = await SkipExpiredAsync(segment, invocations, cancellationToken);
            if (segment.Count == 0)
            {
                continue;
            }

            invocations++;
            var outcome = await InvokeAsync(segment, cancellationToken);
            switch (outcome)
            {
                case InvocationOutcome.Success:
                    await CheckpointAsync(segment, segment.Count, cancellationToken);
                    retries = 0;
                    invocations = 0;
                    break;

                case InvocationOutcome.PartialFailure partial:
                    await CheckpointAsync(segment, partial.FirstFailedIndex, cancellationToken);
                    var remaining = segment.Skip(partial.FirstFailedIndex).ToArray();
                    var failedAt = remaining[0].SequenceNumber;
                    retries = await RetryOrSkipAsync(pending, remaining, retries, invocations, $"the function reported item failures from {failedAt}", cancellationToken);
                    if (retries == 0)
                    {
                        invocations = 0;
                    }

                    break;

                case InvocationOutcome.Failure failure when Settings.BisectBatchOnFunctionError && segment.Count > 1:
                    var half = segment.Count / 2;
                    context.FailRetrying(shardId, $"{shardId}: {failure.Reason}; splitting {segment.Count} records into {half} and {segment.Count - half}");
                    pending.Push(segment.Skip(half).ToArray());
                    pending.Push(segment.Take(half).ToArray());
                    break;

                case InvocationOutcome.Failure failure:
                    retries = await RetryOrSkipAsync(pending, segment, retries, invocations, failure.Reason, cancellationToken);
                    if (retries == 0)
                    {
                        invocations = 0;
                    }

                    break;
            }
        }
    }

    // Nothing is held back: a batch is checkpointed before ProcessAsync returns.
    public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<int> RetryOrSkipAsync(
        Stack<IReadOnlyList<KinesisRecord>> pending,
        IReadOnlyList<KinesisRecord> records,
        int retries,
        int invocations,
        string reason,
        CancellationToken cancellationToken)
    {
        if (Settings.HasRetryLimit && retries >= Settings.MaximumRetryAttempts)
        {
            await SkipAsync(records, SkipCondition.RetryAttemptsExhausted, invocations, reason, cancellationToken);
            return 0;
        }

        context.FailRetrying(shardId, $"{shardId}: {reason}; retry {retries + 1} of {RetryLimitText} for {Describe(records)}");
        context.Counters.Retried();
        await RetryDelay.WaitAsync(retries, Settings, context.Time, cancellationToken);
        pending.Push(records);
        return retries + 1;
    }

    private async Task<IReadOnlyList<KinesisRecord>> SkipExpiredAsync(IReadOnlyList<KinesisRecord> segment, int invocations, CancellationToken cancellationToken)
    {
        if (!Settings.HasRecordAgeLimit)
        {
            return segment;
        }

        var oldestAllowed = context.Time.GetUtcNow() - Settings.MaximumRecordAge;
        var expired = 0;
        while (expired < segment.Count && segment[expired].ApproximateArrivalTimestamp < oldestAllowed)
        {
            expired++;
        }

        if (expired == 0)
        {
            return segment;
        }

        var tooOld = segment.Take(expired).ToArray();
        await SkipAsync(tooOld, SkipCondition.RecordAgeExceeded, invocations, $"records older than {Settings.MaximumRecordAge}", cancellationToken);
        return segment.Skip(expired).ToArray();
    }

    private async Task<InvocationOutcome> InvokeAsync(IReadOnlyList<KinesisRecord> segment, CancellationToken cancellationToken)
    {
        var (response, error) = await FunctionCall.InvokeAsync(context, LambdaKinesisEventWriter.Write(context.Identity, shardId, segment), cancellationToken);
        return error is not null ? new InvocationOutcome.Failure(error)
            : response is null ? new InvocationOutcome.Success()
            : HandlerResponseReader.Read(response, segment, Settings.ReportBatchItemFailures);
    }

    private async Task CheckpointAsync(IReadOnlyList<KinesisRecord> segment, int processedCount, CancellationToken cancellationToken)
    {
        if (processedCount == 0)
        {
            return;
        }

        var sequenceNumber = segment[processedCount - 1].SequenceNumber;
        await context.Checkpoints.SetAsync(context.Identity.FunctionName, shardId, sequenceNumber, cancellationToken);
        context.CheckpointAdvanced(shardId, sequenceNumber);
        context.Counters.Progressed(shardId);
        context.Counters.Delivered(processedCount);
    }

    private async Task SkipAsync(IReadOnlyList<KinesisRecord> records, SkipCondition condition, int invocations, string reason, CancellationToken cancellationToken)
    {
        context.Fail($"{shardId}: skipping {Describe(records)} ({condition}): {reason}");
        await context.OnFailure.WriteAsync(shardId, records, condition, invocations, cancellationToken);
        var last = records[^1].SequenceNumber;
        await context.Checkpoints.SetAsync(context.Identity.FunctionName, shardId, last, cancellationToken);
        context.CheckpointAdvanced(shardId, last);
        context.Counters.Progressed(shardId);
        context.Counters.Skipped(records.Count);
    }

    private string RetryLimitText => Settings.HasRetryLimit ? Settings.MaximumRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited";

    private static string Describe(IReadOnlyList<KinesisRecord> records) =>
        records.Count == 1
            ? $"record {records[0].SequenceNumber}"
            : $"{records.Count} records {records[0].SequenceNumber}..{records[^1].SequenceNumber}";
}
