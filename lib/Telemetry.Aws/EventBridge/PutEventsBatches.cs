namespace Telemetry.Aws.EventBridge;

internal static class PutEventsBatches
{
    /// <summary>
    /// Cuts <paramref name="pending"/> (entry indices, in order) into consecutive calls of at most 10 entries and
    /// 256 KB each. Every size must already be within the limit on its own.
    /// </summary>
    public static List<List<int>> Split(IReadOnlyList<int> pending, IReadOnlyList<int> sizes)
    {
        var batches = new List<List<int>>();
        var current = new List<int>();
        var bytes = 0;
        foreach (var index in pending)
        {
            var size = sizes[index];
            if (current.Count == PutEventsLimits.MaxEntriesPerCall || bytes + size > PutEventsLimits.MaxBytesPerCall)
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(index);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
