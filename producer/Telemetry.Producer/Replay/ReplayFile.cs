using System.Globalization;
using System.Text;
using Telemetry.Contracts;
using Telemetry.Producer.Sending;

namespace Telemetry.Producer.Replay;

/// <summary>A line of a replay file that is not a reading, and why.</summary>
public sealed record ReplayFileProblem(long Line, string Message);

/// <summary>
/// The readings of an NDJSON file (what <c>telemetry replay</c> writes, or any file of one reading per line), in the
/// order to send them again: each device's in file order, the devices merged by timestamp, so that pacing by
/// timestamp keeps every device's order. Read whole: about 300 bytes a reading.
/// </summary>
public sealed class ReplayFile
{
    private ReplayFile(IReadOnlyList<(DateTimeOffset Timestamp, OutgoingRecord Record)> records, IReadOnlyList<ReplayFileProblem> problems, int devices)
    {
        Records = records;
        Problems = problems;
        Devices = devices;
    }

    /// <summary>The readings to send, in order, each as it was in the file (the same bytes).</summary>
    public IReadOnlyList<(DateTimeOffset Timestamp, OutgoingRecord Record)> Records { get; }

    /// <summary>Lines that are not readings: left out, each with its line number.</summary>
    public IReadOnlyList<ReplayFileProblem> Problems { get; }

    public int Devices { get; }

    /// <summary>Reads <paramref name="path"/>; a line is judged as the aggregator would judge it at <paramref name="now"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static async Task<ReplayFile> LoadAsync(string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byDevice = new Dictionary<string, Queue<(DateTimeOffset, OutgoingRecord)>>(StringComparer.Ordinal);
        var problems = new List<ReplayFileProblem>();
        long number = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var data = Encoding.UTF8.GetBytes(line.Trim());
            var decoded = ReadingDecoder.Decode(data, now);
            if (!decoded.IsAccepted)
            {
                problems.Add(new ReplayFileProblem(number, string.Create(CultureInfo.InvariantCulture, $"{decoded.Reason}: {decoded.Message}")));
                continue;
            }

            var reading = decoded.Reading;
            if (!byDevice.TryGetValue(reading.DeviceId, out var queue))
            {
                byDevice[reading.DeviceId] = queue = new Queue<(DateTimeOffset, OutgoingRecord)>();
            }

            queue.Enqueue((reading.Timestamp, new OutgoingRecord(reading.DeviceId, data)));
        }

        return new ReplayFile(Merge(byDevice.Values), problems, byDevice.Count);
    }

    // The devices' queues merged by the timestamp at their heads: the earliest next reading goes first.
    private static List<(DateTimeOffset, OutgoingRecord)> Merge(IEnumerable<Queue<(DateTimeOffset Timestamp, OutgoingRecord Record)>> queues)
    {
        var heads = new PriorityQueue<Queue<(DateTimeOffset Timestamp, OutgoingRecord Record)>, (DateTimeOffset, int)>();
        var order = 0;
        var total = 0;
        foreach (var queue in queues)
        {
            total += queue.Count;
            heads.Enqueue(queue, (queue.Peek().Timestamp, order++));
        }

        var merged = new List<(DateTimeOffset, OutgoingRecord)>(total);
        while (heads.TryDequeue(out var queue, out _))
        {
            merged.Add(queue.Dequeue());
            if (queue.Count > 0)
            {
                heads.Enqueue(queue, (queue.Peek().Timestamp, order++));
            }
        }

        return merged;
    }
}
