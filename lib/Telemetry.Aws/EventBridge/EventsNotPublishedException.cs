namespace Telemetry.Aws.EventBridge;

/// <summary>Some entries of a publish failed for good; <see cref="Failed"/> lists each with its code and message.</summary>
public sealed class EventsNotPublishedException : Exception
{
    private const int ListedInMessage = 5;

    public EventsNotPublishedException()
    {
    }

    public EventsNotPublishedException(string message)
        : base(message)
    {
    }

    public EventsNotPublishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventsNotPublishedException(IReadOnlyList<EventOutcome> failed)
        : base(Describe(failed))
    {
        Failed = failed;
    }

    public IReadOnlyList<EventOutcome> Failed { get; } = [];

    private static string Describe(IReadOnlyList<EventOutcome> failed)
    {
        var listed = failed.Take(ListedInMessage).Select(o => $"entry {o.Index} ({o.Entry.DetailType}): {o.ErrorCode} {o.ErrorMessage}".TrimEnd());
        var more = failed.Count > ListedInMessage ? $"; and {failed.Count - ListedInMessage} more" : "";
        return $"{failed.Count} event(s) not published: {string.Join("; ", listed)}{more}.";
    }
}
