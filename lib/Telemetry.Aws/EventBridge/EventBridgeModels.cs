namespace Telemetry.Aws.EventBridge;

/// <summary>One event to put. The bus is named by the call, so one entry can go to any bus.</summary>
/// <param name="Detail">The event's detail: a JSON object, as text.</param>
public sealed record EventEntry(string Source, string DetailType, string Detail)
{
    /// <summary>The event's time; null lets EventBridge stamp the time it received the call.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>ARNs the event concerns; null or empty for none.</summary>
    public IReadOnlyList<string>? Resources { get; init; }
}

/// <summary>The answer to one PutEvents call: one entry per entry sent, in the same order.</summary>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry> Entries);

/// <summary>An event id for an entry put, or the error code and message of one that was not.</summary>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => string.IsNullOrEmpty(ErrorCode);
}
