using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Telemetry.Processing;
using Telemetry.Producer.Ledger;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands.Verify;

/// <summary>Reads what a ledger's devices left in the table and reconciles it; used by <c>verify</c> and <c>demo</c>.</summary>
internal static class LedgerVerifier
{
    private const int ParallelReads = 8;

    public static async Task<VerifyReport> VerifyAsync(
        IAmazonDynamoDB dynamo, string tableName, ProducerLedger ledger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reader = new RollupReader(dynamo, tableName);
        var windows = new ConcurrentDictionary<(string, Resolution), IReadOnlyList<AbsorbedWindow>>();
        var keys = ledger.Devices.SelectMany(d => new[] { (d.DeviceId, Resolution.Minute), (d.DeviceId, Resolution.Hour) }).Distinct();
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (key, ct) => windows[key] = await reader.ReadAbsorbedAsync(key.Item1, key.Item2, ct));

        // Rejects are partitioned by the day they were processed: from the run's start to now.
        var rejected = new RejectedReader(dynamo, tableName);
        var rows = new List<RejectedRow>();
        for (var day = DateOnly.FromDateTime(ledger.StartedAt.UtcDateTime); day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
        {
            rows.AddRange(await rejected.QueryRejectedAsync(day, cancellationToken));
        }

        return Reconciliation.Reconcile(ledger, (device, resolution) => windows[(device, resolution)], new RejectedIndex(rows));
    }
}
