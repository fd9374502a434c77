namespace Telemetry.Aws.EventBridge;

/// <summary>
/// An entry is over the 256 KB EventBridge accepts in one entry: no call can carry it, so nothing was sent.
/// Large payloads belong in S3, with the event pointing at the object.
/// </summary>
public sealed class EventEntryTooLargeException : Exception
{
    public EventEntryTooLargeException()
    {
    }

    public EventEntryTooLargeException(string message)
        : base(message)
    {
    }

    public EventEntryTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventEntryTooLargeException(int index, EventEntry entry, int size)
        : base($"Event entry {index} (source '{entry.Source}', detail type '{entry.DetailType}') is {size} bytes as " +
               $"EventBridge counts them; the limit is {PutEventsLimits.MaxBytesPerCall}. Nothing was sent.")
    {
        Index = index;
        Size = size;
    }

    /// <summary>The entry's position in the input.</summary>
    public int Index { get; }

    public int Size { get; }
}
