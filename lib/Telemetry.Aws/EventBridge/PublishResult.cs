namespace Telemetry.Aws.EventBridge;

/// <summary>What became of every entry given to <see cref="EventBridgePublisher.PublishAsync"/>, in input order.</summary>
public sealed record PublishResult(IReadOnlyList<EventOutcome> Outcomes)
{
    public IEnumerable<EventOutcome> Published => Outcomes.Where(o => o.IsPublished);

    public IEnumerable<EventOutcome> Failed => Outcomes.Where(o => !o.IsPublished);

    public bool AllPublished => Outcomes.All(o => o.IsPublished);

    /// <summary>For callers that treat any lost event as an error rather than inspect the outcomes.</summary>
    /// <exception cref="EventsNotPublishedException">An entry failed; the exception lists each one.</exception>
    public void ThrowIfAnyFailed()
    {
        var failed = Failed.ToArray();
        if (failed.Length > 0)
        {
            throw new EventsNotPublishedException(failed);
        }
    }
}

/// <summary>
/// One entry's fate: published with <see cref="EventId"/>, or failed with the last <see cref="ErrorCode"/> and
/// <see cref="ErrorMessage"/> (a per-entry code such as <c>MalformedDetail</c>, or the whole call's, such as
/// <c>ResourceNotFoundException</c>). <see cref="Attempts"/> counts the calls that carried it.
/// </summary>
public sealed record EventOutcome(int Index, EventEntry Entry, string? EventId, string? ErrorCode, string? ErrorMessage, int Attempts)
{
    public bool IsPublished => ErrorCode is null;
}
