namespace Telemetry.Aws.EventBridge;

/// <summary>
/// Publishes any number of entries to one bus: splits them into PutEvents calls within the service's limits and
/// sends again, with exponential backoff and full jitter, only the entries that failed for a passing reason, up to
/// <see cref="EventBridgePublisherOptions.MaxAttempts"/>. A 200 answer is not success: each entry is checked.
/// </summary>
public sealed class EventBridgePublisher(IEventBridgeClient client, EventBridgePublisherOptions? options = null)
{
    /// <summary>The error code of entries whose call got no answer (connection lost, timeout) after the client's retries.</summary>
    public const string TransportFailureCode = "TransportFailure";

    private readonly EventBridgePublisherOptions _options = Validated(options ?? new EventBridgePublisherOptions());

    /// <exception cref="EventEntryTooLargeException">An entry exceeds 256 KB on its own; nothing was sent.</exception>
    public async Task<PublishResult> PublishAsync(string eventBusName, IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventBusName);
        ArgumentNullException.ThrowIfNull(entries);
        var sizes = Sizes(entries);
        var state = new PublishState(entries);
        IReadOnlyList<int> pending = Enumerable.Range(0, entries.Count).ToArray();

        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            var retry = new List<int>();
            foreach (var batch in PutEventsBatches.Split(pending, sizes))
            {
                await SendAsync(eventBusName, batch, state, retry, cancellationToken);
            }

            if (retry.Count > 0 && attempt + 1 < _options.MaxAttempts)
            {
                var delay = Backoff.Delay(attempt, _options.BaseDelay, _options.MaxDelay, _options.Jitter);
                await Task.Delay(delay, _options.TimeProvider, cancellationToken);
            }
            else
            {
                // Out of attempts: each entry keeps the failure it last had.
                retry.Clear();
            }

            pending = retry;
        }

        return state.ToResult();
    }

    private async Task SendAsync(string eventBusName, List<int> batch, PublishState state, List<int> retry, CancellationToken cancellationToken)
    {
        batch.ForEach(state.CountAttempt);
        PutEventsResult result;
        try
        {
            result = await client.PutEventsAsync(eventBusName, batch.ConvertAll(i => state.Entries[i]), cancellationToken);
        }
        catch (EventBridgeException ex)
        {
            // The client already retried a passing failure of the whole call; one that outlasted its retries counts as
            // an attempt of each entry. A lasting one (no bus, no permission, a malformed request) fails this call's
            // entries only: a validation error can be about one call's content.
            FailAll(batch, state, ex.ErrorCode, ex.Message, ex.IsRetryable ? retry : null);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The answer is lost, not the events: some may have been put, so a resend can duplicate them. EventBridge
            // delivers at least once anyway; giving up here would lose events for certain.
            FailAll(batch, state, TransportFailureCode, ex.Message, retry);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var answer = result.Entries[i];
            if (answer.Succeeded)
            {
                state.Publish(batch[i], answer.EventId);
                continue;
            }

            state.Fail(batch[i], answer.ErrorCode!, answer.ErrorMessage);
            if (EventBridgeErrors.IsRetryableEntryCode(answer.ErrorCode))
            {
                retry.Add(batch[i]);
            }
        }
    }

    private static void FailAll(List<int> batch, PublishState state, string errorCode, string message, List<int>? retry)
    {
        foreach (var index in batch)
        {
            state.Fail(index, errorCode, message);
            retry?.Add(index);
        }
    }

    private static int[] Sizes(IReadOnlyList<EventEntry> entries)
    {
        var sizes = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"Event entry {i} is null.", nameof(entries));
            sizes[i] = PutEventsLimits.EntrySize(entry);
            if (sizes[i] > PutEventsLimits.MaxBytesPerCall)
            {
                throw new EventEntryTooLargeException(i, entry, sizes[i]);
            }
        }

        return sizes;
    }

    private static EventBridgePublisherOptions Validated(EventBridgePublisherOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentNullException.ThrowIfNull(options.Jitter);
        return options;
    }
}
