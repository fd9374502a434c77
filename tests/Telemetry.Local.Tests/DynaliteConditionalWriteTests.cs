using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Local.Emulators;
using Xunit.Abstractions;

namespace Telemetry.Local.Tests;

// The aggregator's optimistic concurrency (read ver, write ver+1 if ver is unchanged) is only as good as the
// emulator's conditional writes: this holds dynalite to it while other load saturates it.
public sealed class DynaliteConditionalWriteTests(ITestOutputHelper output)
{
    private const int Items = 4;
    private const int WritersPerItem = 12;
    private const int SuccessesPerItem = 60;
    private const int LoadWorkers = 12;
    private static readonly TimeSpan RunFor = TimeSpan.FromSeconds(25);
    private static readonly string Blob = new('x', 12 * 1024);

    [Fact]
    public async Task UpdateItem_ConditionalReadModifyWriteUnderLoad_LosesNoAcknowledgedWrite()
    {
        var data = Directory.CreateTempSubdirectory("telemetry-dynalite-cas-").FullName;
        try
        {
            await using var emulators = await LocalEmulators.StartAsync(new EmulatorOptions { DataDirectory = data, Kinesis = false, S3 = false });
            var clients = Enumerable.Range(0, 4).Select(_ => LocalAws.DynamoDb(emulators.DynamoDbEndpoint)).ToArray();
            try
            {
                await RaceAsync(clients);
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private async Task RaceAsync(IAmazonDynamoDB[] clients)
    {
        var counters = await CreateTableAsync(clients[0], "cas-counters");
        var loadTables = new[] { await CreateTableAsync(clients[0], "cas-load-a"), await CreateTableAsync(clients[0], "cas-load-b") };
        var acknowledged = new int[Items];
        using var done = new CancellationTokenSource(RunFor);

        var writers = Enumerable.Range(0, Items * WritersPerItem)
            .Select(w => Task.Run(() => ReadModifyWriteAsync(clients[w % clients.Length], counters, w % Items, acknowledged, done.Token)))
            .ToArray();
        var load = Enumerable.Range(0, LoadWorkers)
            .Select(w => Task.Run(() => SaturateAsync(clients[w % clients.Length], loadTables[w % loadTables.Length], w, writers)))
            .ToArray();
        await Task.WhenAll(writers);
        await Task.WhenAll(load);

        for (var item = 0; item < Items; item++)
        {
            output.WriteLine($"item {item}: {acknowledged[item]} acknowledged writes");
            var stored = (await clients[0].GetItemAsync(new GetItemRequest { TableName = counters, Key = Key(item), ConsistentRead = true })).Item;
            Assert.True(acknowledged[item] > 0, $"item {item}: no write got through");
            Assert.Equal((acknowledged[item], acknowledged[item]), (long.Parse(stored["ver"].N), long.Parse(stored["n"].N)));
        }
    }

    // Consistent read, then SET ver = read + 1, n = n + 1 on the condition that nobody wrote in between.
    private static async Task ReadModifyWriteAsync(IAmazonDynamoDB client, string table, int item, int[] acknowledged, CancellationToken done)
    {
        while (!done.IsCancellationRequested && Volatile.Read(ref acknowledged[item]) < SuccessesPerItem)
        {
            var read = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = Key(item), ConsistentRead = true });
            var exists = read.Item is { Count: > 0 };
            var version = exists ? long.Parse(read.Item!["ver"].N) : 0;
            var request = new UpdateItemRequest
            {
                TableName = table,
                Key = Key(item),
                UpdateExpression = "SET #ver = :next, #n = if_not_exists(#n, :zero) + :one, #pad = :pad",
                ConditionExpression = "attribute_not_exists(#pk) OR #ver = :read",
                ExpressionAttributeNames = new() { ["#pk"] = "pk", ["#ver"] = "ver", ["#n"] = "n", ["#pad"] = "pad" },
                ExpressionAttributeValues = new()
                {
                    [":next"] = new AttributeValue { N = (version + 1).ToString() },
                    [":read"] = new AttributeValue { N = version.ToString() },
                    [":zero"] = new AttributeValue { N = "0" },
                    [":one"] = new AttributeValue { N = "1" },
                    [":pad"] = new AttributeValue { S = Blob[..2048] },
                },
            };
            try
            {
                await client.UpdateItemAsync(request);
                Interlocked.Increment(ref acknowledged[item]);
            }
            catch (ConditionalCheckFailedException)
            {
                // Another writer won this round: read again.
            }
        }
    }

    // Big batches and scans on other keys keep dynalite's queue full while the writers race.
    private static async Task SaturateAsync(IAmazonDynamoDB client, string table, int worker, Task[] until)
    {
        var round = 0;
        while (!until.All(t => t.IsCompleted))
        {
            if (worker % 3 == 2)
            {
                await client.ScanAsync(new ScanRequest { TableName = table, Limit = 50 });
                continue;
            }

            var puts = Enumerable.Range(0, 25)
                .Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new() { S = $"load-{worker}-{(round * 25 + i) % 400}" },
                    ["blob"] = new() { S = Blob },
                })))
                .ToList();
            await client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = puts } });
            round++;
        }
    }

    private static Dictionary<string, AttributeValue> Key(int item) => new() { ["pk"] = new AttributeValue { S = $"counter-{item}" } };

    private static async Task<string> CreateTableAsync(IAmazonDynamoDB client, string name)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        var waited = Stopwatch.StartNew();
        while ((await client.DescribeTableAsync(name)).Table.TableStatus != TableStatus.ACTIVE)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"table {name} did not become ACTIVE");
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        return name;
    }
}
