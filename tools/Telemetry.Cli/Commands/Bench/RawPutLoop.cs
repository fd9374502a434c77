using System.Diagnostics;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The producer's baseline: one client putting ready-made records in full PutRecords calls, one call at a time,
/// resending failed entries. Anything the simulator adds on top (generating, planning, the ledger) shows as the gap.
/// </summary>
internal static class RawPutLoop
{
    private const int MaxEntriesPerCall = 500;

    /// <summary>Puts every entry and returns how long it took.</summary>
    public static async Task<TimeSpan> RunAsync(IKinesisClient kinesis, string stream, IReadOnlyList<PutRecordsEntry> entries, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var offset = 0; offset < entries.Count; offset += MaxEntriesPerCall)
        {
            IReadOnlyList<PutRecordsEntry> pending = entries.Skip(offset).Take(MaxEntriesPerCall).ToList();
            while (pending.Count > 0)
            {
                var result = await kinesis.PutRecordsAsync(stream, pending, cancellationToken);
                pending = result.FailedRecordCount == 0 ? [] : pending.Where((_, i) => !result.Entries[i].Succeeded).ToList();
            }
        }

        return clock.Elapsed;
    }
}
