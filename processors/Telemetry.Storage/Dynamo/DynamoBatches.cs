using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Telemetry.Storage.Dynamo;

// BatchGetItem and BatchWriteItem succeed with HTTP 200 while leaving part of the work undone
// (Unprocessed*); these helpers retry that part with backoff and hand back what never went through.
internal static class DynamoBatches
{
    private const int MaxGetKeys = 100;
    private const int MaxWriteRequests = 25;

    public static async Task<(List<Dictionary<string, AttributeValue>> Items, List<Dictionary<string, AttributeValue>> Unread)> GetAsync(
        IAmazonDynamoDB dynamo,
        string tableName,
        IReadOnlyList<Dictionary<string, AttributeValue>> keys,
        RetryOptions retry,
        CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var unread = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in keys.Chunk(MaxGetKeys))
        {
            List<Dictionary<string, AttributeValue>> pending = [.. chunk];
            for (var attempt = 1; pending.Count > 0 && attempt <= retry.MaxAttempts; attempt++)
            {
                if (attempt > 1)
                {
                    await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
                }

                var response = await dynamo.BatchGetItemAsync(
                    new BatchGetItemRequest
                    {
                        RequestItems = new Dictionary<string, KeysAndAttributes>(StringComparer.Ordinal)
                        {
                            [tableName] = new KeysAndAttributes { Keys = pending, ConsistentRead = true },
                        },
                    },
                    cancellationToken);
                if (response.Responses?.TryGetValue(tableName, out var found) == true)
                {
                    items.AddRange(found);
                }

                pending = response.UnprocessedKeys?.TryGetValue(tableName, out var left) == true && left.Keys is not null
                    ? left.Keys
                    : [];
            }

            unread.AddRange(pending);
        }

        return (items, unread);
    }

    public static async Task<List<WriteRequest>> WriteAsync(
        IAmazonDynamoDB dynamo,
        string tableName,
        IReadOnlyList<WriteRequest> requests,
        RetryOptions retry,
        CancellationToken cancellationToken)
    {
        var failed = new List<WriteRequest>();
        foreach (var chunk in requests.Chunk(MaxWriteRequests))
        {
            List<WriteRequest> pending = [.. chunk];
            for (var attempt = 1; pending.Count > 0 && attempt <= retry.MaxAttempts; attempt++)
            {
                if (attempt > 1)
                {
                    await Task.Delay(retry.DelayBefore(attempt - 1), cancellationToken);
                }

                var response = await dynamo.BatchWriteItemAsync(
                    new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>>(StringComparer.Ordinal) { [tableName] = pending },
                    },
                    cancellationToken);
                pending = response.UnprocessedItems?.TryGetValue(tableName, out var left) == true ? left : [];
            }

            failed.AddRange(pending);
        }

        return failed;
    }
}
