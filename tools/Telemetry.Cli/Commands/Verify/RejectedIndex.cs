using Telemetry.Contracts;
using Telemetry.Storage.Rejected;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>The rejected sink's rows, indexed by stream position and, where the data decodes, by reading identity.</summary>
internal sealed class RejectedIndex
{
    private readonly Dictionary<(string ShardId, string SequenceNumber, int? SubSequence), string> byPosition = [];
    private readonly Dictionary<(string DeviceId, long Boot), SequenceRanges> tooLate = [];

    public RejectedIndex(IEnumerable<RejectedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            byPosition.TryAdd((row.ShardId, row.SequenceNumber, row.SubSequence), row.Reason);
            if (row.Reason == "TooLate" && !row.DataTruncated && TryDecode(row.Data) is { } reading)
            {
                var key = (reading.DeviceId, reading.Boot);
                if (!tooLate.TryGetValue(key, out var ranges))
                {
                    tooLate[key] = ranges = new SequenceRanges();
                }

                ranges.Add(reading.Sequence);
            }
        }
    }

    public int Count => byPosition.Count;

    /// <summary>
    /// The reason the record at this position (in an aggregated record: at this sub-sequence number) was rejected
    /// for, or null when it is not in the sink.
    /// </summary>
    public string? ReasonAt(string shardId, string sequenceNumber, int? subSequence = null) => byPosition.GetValueOrDefault((shardId, sequenceNumber, subSequence));

    /// <summary>The sequence numbers of this device and boot that the sink holds as too late.</summary>
    public SequenceRanges TooLate(string deviceId, long boot) =>
        tooLate.TryGetValue((deviceId, boot), out var ranges) ? ranges : new SequenceRanges();

    // A too-late reading is a valid one; only its age made it a reject. The clock given is far enough ahead that
    // the decoder's future check cannot refuse it.
    private static Reading? TryDecode(string base64)
    {
        try
        {
            var decoded = ReadingDecoder.Decode(Convert.FromBase64String(base64), DateTimeOffset.MaxValue.AddYears(-1));
            return decoded.IsAccepted ? decoded.Reading : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
