using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Contracts;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Metrics;
using Telemetry.Storage.Dynamo;
using A = Telemetry.Storage.Rejected.RejectedAttributes;

namespace Telemetry.Storage.Rejected;

/// <summary>
/// Keeps rejected records in the telemetry table under <c>REJECTED#&lt;day&gt;</c>, keyed by shard and sequence
/// number so that a redelivered reject overwrites itself instead of piling up.
/// </summary>
public sealed class RejectedSink : IRejectedStore
{
    // Enough of a bad record to diagnose it without letting one record approach DynamoDB's 400 KB item limit.
    internal const int MaxStoredDataChars = 8 * 1024;
    private const int MaxMessageChars = 1024;

    private readonly IAmazonDynamoDB dynamo;
    private readonly string tableName;
    private readonly RetryOptions retry;
    private readonly TextWriter log;
    private readonly TimeSpan? ttl;

    /// <summary>A sink writing to <paramref name="tableName"/>, with the default retry bounds.</summary>
    /// <param name="ttl">How long a reject is kept after it was rejected; null: forever.</param>
    public RejectedSink(IAmazonDynamoDB dynamo, string tableName, TextWriter log, TimeSpan? ttl)
        : this(dynamo, tableName, RetryOptions.Default, log, ttl)
    {
    }

    internal RejectedSink(IAmazonDynamoDB dynamo, string tableName, RetryOptions retry, TextWriter log, TimeSpan? ttl)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(log);
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.retry = retry;
        this.log = log;
        this.ttl = ttl;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RejectedRecord>> StoreAsync(
        IReadOnlyList<RejectedRecord> rejects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        var bySortKey = rejects
            .GroupBy(SortKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (bySortKey.Count == 0)
        {
            return [];
        }

        var partition = RejectedKeys.Partition(DateOnly.FromDateTime(now.UtcDateTime));
        var requests = bySortKey.Values
            .Select(r => new WriteRequest { PutRequest = new PutRequest { Item = Item(partition, r, now) } })
            .ToList();
        try
        {
            var unprocessed = await DynamoBatches.WriteAsync(dynamo, tableName, requests, retry, cancellationToken);
            IReadOnlyList<RejectedRecord> notStored = [.. unprocessed.Select(w => bySortKey[w.PutRequest.Item[TelemetryTable.SortKey].S])];
            foreach (var stored in bySortKey.Values.Except(notStored).GroupBy(r => r.Reason, StringComparer.Ordinal))
            {
                InvocationCounters.Add(FunctionMetricNames.RecordsRejected, stored.Count(), stored.Key);
            }

            return notStored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await log.WriteLineAsync($"rejected sink write failed: {ex.Message}");
            return [.. bySortKey.Values];
        }
    }

    private static string SortKey(RejectedRecord record) => RejectedKeys.SortKey(record.ShardId, record.SequenceNumber, record.SubSequence);

    private Dictionary<string, AttributeValue> Item(string partition, RejectedRecord record, DateTimeOffset now)
    {
        // MaxStoredDataChars is a multiple of 4, so a cut keeps valid base64.
        var truncated = record.Data.Length > MaxStoredDataChars;
        var data = truncated ? record.Data[..MaxStoredDataChars] : record.Data;
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [TelemetryTable.PartitionKey] = new() { S = partition },
            [TelemetryTable.SortKey] = new() { S = SortKey(record) },
            [A.Reason] = new() { S = record.Reason },
            [A.Message] = new() { S = Limit(record.Message, MaxMessageChars) },
            [A.PartitionKey] = new() { S = record.PartitionKey },
            [A.ShardId] = new() { S = record.ShardId },
            [A.SequenceNumber] = new() { S = record.SequenceNumber },
            [A.ArrivalTime] = new() { S = ReadingCodec.FormatTimestamp(record.ArrivalTime) },
            [A.RejectedAt] = new() { S = ReadingCodec.FormatTimestamp(now) },
            [A.DataLength] = DynamoNumber.Of(record.Data.Length),
            [A.Data] = new() { S = data },
            [A.DataTruncated] = new() { BOOL = truncated },
        };

        if (record.SubSequence is { } sub)
        {
            item[A.SubSequence] = DynamoNumber.Of(sub);
        }

        // Counted from rejection, not arrival: a reject is kept long enough to be looked at after it happened.
        if (ttl is { } keep)
        {
            item[TelemetryTable.ExpiresAt] = DynamoNumber.EpochSeconds(now + keep);
        }

        return item;
    }

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..max];
}
