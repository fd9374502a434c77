using Telemetry.Contracts.Kpl;

namespace Telemetry.Processing.Streams;

/// <summary>
/// Records as the consumers count them: a KPL aggregated record is its user records, each with the aggregated
/// record's sequence number and its own sub-sequence number; any other record is itself. Lambda hands functions
/// aggregated records whole, so every reader of the stream unpacks them here. See docs/kpl-aggregation.md.
/// </summary>
public static class UserRecords
{
    // The base64 of the magic number's first 30 bits: a cheap test that skips decoding plain records twice.
    private const string MagicBase64Prefix = "84maw";

    /// <summary>
    /// Appends the user records of <paramref name="record"/> to <paramref name="into"/> and returns null; for an
    /// aggregated record whose message is corrupt, appends nothing and returns why.
    /// </summary>
    public static string? Unpack(StreamRecord record, List<StreamRecord> into)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(into);
        if (!record.Data.StartsWith(MagicBase64Prefix, StringComparison.Ordinal))
        {
            into.Add(record);
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(record.Data);
        }
        catch (FormatException)
        {
            // Rejected as invalid base64 by whoever decodes it, with the record as it came.
            into.Add(record);
            return null;
        }

        var users = new List<KplUserRecord>();
        switch (KplReader.Read(bytes, users, out var problem))
        {
            case KplFraming.Plain:
                into.Add(record);
                return null;
            case KplFraming.Corrupt:
                return problem;
            case KplFraming.Aggregated when users.Count == 0:
                // Nothing to count, but a producer that sends these has a bug worth seeing.
                return "it holds no user records.";
            default:
                for (var i = 0; i < users.Count; i++)
                {
                    into.Add(new StreamRecord(record.ShardId, record.SequenceNumber, users[i].PartitionKey, Convert.ToBase64String(users[i].Data.Span), record.ApproximateArrivalTime)
                    {
                        SubSequence = i,
                    });
                }

                return null;
        }
    }

    /// <summary>The user records of <paramref name="record"/>; none for a corrupt aggregated record.</summary>
    public static IReadOnlyList<StreamRecord> Of(StreamRecord record)
    {
        var into = new List<StreamRecord>(1);
        Unpack(record, into);
        return into;
    }
}
