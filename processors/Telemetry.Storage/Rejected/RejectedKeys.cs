using System.Globalization;

namespace Telemetry.Storage.Rejected;

/// <summary>
/// The rejects' keys in the telemetry table (docs/rollup-table.md): <c>pk = REJECTED#&lt;yyyy-MM-dd&gt;</c> of
/// processing time, <c>sk = &lt;shardId&gt;#&lt;sequenceNumber&gt;</c>, so that a redelivered reject overwrites itself.
/// </summary>
public static class RejectedKeys
{
    private const string Prefix = "REJECTED#";

    /// <summary>The partition holding the records rejected on one (processing) day.</summary>
    public static string Partition(DateOnly day) =>
        Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The sort key of one rejected record: where it sits in the stream; a user record of a KPL aggregated record
    /// adds its sub-sequence number, since its siblings share the sequence number.
    /// </summary>
    public static string SortKey(string shardId, string sequenceNumber, int? subSequence = null) =>
        subSequence is { } sub ? $"{shardId}#{sequenceNumber}#{sub.ToString(CultureInfo.InvariantCulture)}" : $"{shardId}#{sequenceNumber}";
}
