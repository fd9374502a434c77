using Telemetry.Producer.Faults;

namespace Telemetry.Producer.Simulation;

/// <summary>
/// Planned records waiting for their release, taken in (release, plan order). A duplicate is only taken once the
/// call carrying its original has returned, so that the two never share a PutRecords call. Not thread-safe.
/// </summary>
public sealed class SendQueue
{
    private readonly PriorityQueue<PlannedRecord, (TimeSpan Release, long Order)> _queue = new();

    public int Count => _queue.Count;

    public void Add(IEnumerable<PlannedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            _queue.Enqueue(record, (record.Release, record.Order));
        }
    }

    /// <summary>Earliest release waiting, or null when empty.</summary>
    public TimeSpan? NextRelease => _queue.TryPeek(out _, out var priority) ? priority.Release : null;

    /// <summary>Takes every record released by <paramref name="frontier"/> that may go now, in order.</summary>
    public IReadOnlyList<PlannedRecord> TakeDue(TimeSpan frontier)
    {
        var due = new List<PlannedRecord>();
        var waiting = new List<PlannedRecord>();
        while (_queue.TryPeek(out var record, out var priority) && priority.Release <= frontier)
        {
            _queue.Dequeue();
            (record.Original is { Sent: false } ? waiting : due).Add(record);
        }

        Add(waiting);
        return due;
    }

    /// <summary>Takes everything left, whatever its release, as when the run stops on an error.</summary>
    public IReadOnlyList<PlannedRecord> Drain()
    {
        var all = new List<PlannedRecord>(_queue.Count);
        while (_queue.TryDequeue(out var record, out _))
        {
            all.Add(record);
        }

        return all;
    }
}
