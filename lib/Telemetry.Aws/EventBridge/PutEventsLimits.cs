using System.Text;

namespace Telemetry.Aws.EventBridge;

/// <summary>
/// The service's limits on one PutEvents call, and an entry's size as EventBridge computes it ("Calculating
/// PutEvents event entry size"): not the JSON sent, but the UTF-8 bytes of the fields that make the event.
/// </summary>
public static class PutEventsLimits
{
    public const int MaxEntriesPerCall = 10;

    /// <summary>256 KB: the limit of one entry and of all the entries of one call together.</summary>
    public const int MaxBytesPerCall = 256 * 1024;

    // EventBridge counts a given Time as 14 bytes, whatever its form on the wire.
    private const int TimeBytes = 14;

    public static int EntrySize(EventEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var size = entry.Time is null ? 0 : TimeBytes;
        size += Encoding.UTF8.GetByteCount(entry.Source ?? "");
        size += Encoding.UTF8.GetByteCount(entry.DetailType ?? "");
        size += Encoding.UTF8.GetByteCount(entry.Detail ?? "");
        foreach (var resource in entry.Resources ?? [])
        {
            size += Encoding.UTF8.GetByteCount(resource ?? "");
        }

        return size;
    }
}
