using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>
/// Delivers a shard under a tumbling window, as Lambda does with <c>TumblingWindowInSeconds</c>: records are grouped
/// into windows aligned to multiples of the width by arrival time, each invocation gets the state the previous one of
/// its window returned, and once the window's end has passed (and the shard has nothing more) one last invocation with
/// <c>isFinalInvokeForWindow</c> and no records closes it. A state past Lambda's 1 MB ends the window early
/// (<c>isWindowTerminatedEarly</c>) and the window goes on with fresh state.
/// </summary>
/// <remarks>
/// The open window, its state and the last record folded into it are written in the checkpoint file at each step; the
/// checkpoint itself moves only when a window closes. A restart resumes reading after the last folded record with the
/// state it had, and nothing waiting for the checkpoint sees the records as done before their window's effect is
/// stored. A failing invocation is retried with the same records and state until it succeeds.
/// </remarks>
internal sealed class TumblingBatchProcessor(ShardContext context, string shardId) : IShardBatchSink
{
    private const int StateLimitBytes = 1024 * 1024;
    private const string EmptyState = "{}";

    private bool loaded;
    private OpenWindow? window;

    private TimeSpan Width => context.Settings.TumblingWindow;

    private string Function => context.Identity.FunctionName;

    public async Task ProcessAsync(IReadOnlyList<KinesisRecord> batch, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var next = 0;
        while (next < batch.Count)
        {
            var start = WindowStartOf(batch[next].ApproximateArrivalTimestamp);
            if (window is not null && start > window.Start)
            {
                await CloseAsync(terminatedEarly: false, cancellationToken);
            }

            // A record that arrived before the open window began (read late) joins the open window.
            window ??= new OpenWindow(start, EmptyState, null);
            var end = window.Start + Width;
            var last = next;
            while (last < batch.Count && batch[last].ApproximateArrivalTimestamp < end)
            {
                last++;
            }

            await InvokeUntilDoneAsync(batch.Skip(next).Take(last - next).ToArray(), final: false, terminatedEarly: false, cancellationToken);
            next = last;
        }
    }

    // Only called when a read found nothing new: every record of the window that will ever be read has been.
    public async Task IdleAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (window is not null && context.Time.GetUtcNow() >= window.Start + Width)
        {
            await CloseAsync(terminatedEarly: false, cancellationToken);
        }
    }

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (window is not null)
        {
            await CloseAsync(terminatedEarly: false, cancellationToken);
        }
    }

    public async Task<string?> ResumeAfterAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return window?.ReadTo ?? checkpoint;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!loaded)
        {
            window = await context.Checkpoints.GetWindowAsync(Function, shardId, cancellationToken);
            loaded = true;
        }
    }

    private DateTimeOffset WindowStartOf(DateTimeOffset arrival)
    {
        var ticks = arrival.UtcTicks - (arrival.UtcTicks % Width.Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    private Task CloseAsync(bool terminatedEarly, CancellationToken cancellationToken) =>
        InvokeUntilDoneAsync([], final: true, terminatedEarly, cancellationToken);

    private async Task InvokeUntilDoneAsync(
        IReadOnlyList<KinesisRecord> records, bool final, bool terminatedEarly, CancellationToken cancellationToken)
    {
        var open = window!;
        for (var retries = 0; ; retries++)
        {
            var (state, problem) = await InvokeAsync(open, records, final, terminatedEarly, cancellationToken);
            if (problem is null)
            {
                await AdvanceAsync(open, records, final, terminatedEarly, state!, cancellationToken);
                if (retries > 0)
                {
                    context.Counters.Progressed(shardId);
                }

                return;
            }

            context.FailRetrying(shardId, $"{shardId}: {problem}; retry {retries + 1} (unlimited) of the {(final ? "final invocation" : $"{records.Count} record(s)")} of window {open.Start:O}");
            context.Counters.Retried();
            await RetryDelay.WaitAsync(retries, context.Settings, context.Time, cancellationToken);
        }
    }

    private async Task AdvanceAsync(
        OpenWindow open, IReadOnlyList<KinesisRecord> records, bool final, bool terminatedEarly, string state, CancellationToken cancellationToken)
    {
        var readTo = records.Count > 0 ? records[^1].SequenceNumber : open.ReadTo;
        // Memory follows the file only once the file is written: a failed write leaves both as they were.
        if (final)
        {
            // An early end keeps the window open with fresh state; a final one closes it and moves the checkpoint.
            var next = terminatedEarly ? open with { State = EmptyState, ReadTo = readTo } : null;
            await context.Checkpoints.SetWindowAsync(Function, shardId, next, readTo, cancellationToken);
            window = next;
            if (readTo is not null)
            {
                context.CheckpointAdvanced(shardId, readTo);
            }

            return;
        }

        var carried = open with { State = state, ReadTo = readTo };
        await context.Checkpoints.SetWindowAsync(Function, shardId, carried, null, cancellationToken);
        window = carried;
        context.Counters.Delivered(records.Count);
        if (System.Text.Encoding.UTF8.GetByteCount(state) > StateLimitBytes)
        {
            context.Log($"{shardId}: the function's state passed 1 MB; ending window {open.Start:O} early");
            await CloseAsync(terminatedEarly: true, cancellationToken);
        }
    }

    private async Task<(string? State, string? Problem)> InvokeAsync(
        OpenWindow open, IReadOnlyList<KinesisRecord> records, bool final, bool terminatedEarly, CancellationToken cancellationToken)
    {
        var payload = LambdaKinesisEventWriter.Write(
            context.Identity, shardId, records, new TumblingInvocation(open.Start, open.Start + Width, open.State, final, terminatedEarly));
        var (response, error) = await FunctionCall.InvokeAsync(context, payload, cancellationToken);
        return error is not null ? (null, error)
            : response is null ? (null, "the function returned nothing, and a tumbling window requires state")
            : HandlerResponseReader.ReadState(response);
    }
}
