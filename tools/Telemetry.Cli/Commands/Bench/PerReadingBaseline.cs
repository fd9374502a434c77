using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Contracts;
using Telemetry.Contracts.Kpl;
using Telemetry.Local.Service;

namespace Telemetry.Cli.Commands.Bench;

/// <summary>
/// The write-cost baseline the issue names: a consumer that reads the same records as the aggregator and, as naive
/// designs do, sends one UpdateItem per reading (adding it to its device's minute item, in a table of its own). It
/// runs beside the pipeline in the same run, so both are measured against the same emulator at the same moment.
/// </summary>
internal sealed class PerReadingBaseline(IKinesisClient kinesis, IAmazonDynamoDB dynamo, DynamoDbCallCounter calls, string stream, string table, TimeProvider time)
{
    private const int MaxRecordsPerCall = 10_000;
    private static readonly TimeSpan EmptyPause = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, string> _iterators = [];
    private long _readings;

    public long Readings => Interlocked.Read(ref _readings);

    public long Writes => calls.Snapshot().GetValueOrDefault("UpdateItem");

    public double WriteUnits => calls.CapacityUnits().GetValueOrDefault("UpdateItem");

    /// <summary>Creates the baseline's table and takes an iterator at the tip of every open shard: only what comes next is read.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
        }, cancellationToken);
        while ((await dynamo.DescribeTableAsync(table, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(EmptyPause, time, cancellationToken);
        }

        foreach (var shard in (await kinesis.ListShardsAsync(stream, cancellationToken)).Where(s => !s.IsClosed))
        {
            _iterators[shard.ShardId] = await kinesis.GetShardIteratorAsync(stream, shard.ShardId, ShardIteratorPosition.Latest, cancellationToken);
        }
    }

    /// <summary>Consumes until <paramref name="expected"/> says how many readings to wait for and that many were written.</summary>
    public Task RunAsync(Func<long?> expected, CancellationToken cancellationToken) =>
        Task.WhenAll(_iterators.Values.Select(iterator => ConsumeShardAsync(iterator, expected, cancellationToken)));

    private async Task ConsumeShardAsync(string? iterator, Func<long?> expected, CancellationToken cancellationToken)
    {
        while (iterator is not null && !(expected() is { } target && Readings >= target))
        {
            var page = await kinesis.GetRecordsAsync(iterator, MaxRecordsPerCall, cancellationToken);
            var users = new List<KplUserRecord>();
            foreach (var record in page.Records)
            {
                users.Clear();
                KplReader.ReadOrKeep(record.Data, record.PartitionKey, users);
                foreach (var user in users)
                {
                    if (ReadingDecoder.Decode(user.Data.Span, time.GetUtcNow()) is { IsAccepted: true, Reading: var reading })
                    {
                        await WriteAsync(reading, cancellationToken);
                        Interlocked.Increment(ref _readings);
                    }
                }
            }

            iterator = page.NextShardIterator;
            if (page.Records.Count == 0)
            {
                await Task.Delay(EmptyPause, time, cancellationToken);
            }
        }
    }

    private Task WriteAsync(Reading reading, CancellationToken cancellationToken)
    {
        var minute = reading.Timestamp.ToUnixTimeSeconds() / 60 * 60;
        var (metric, value) = reading.Metrics.First();
        return dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new AttributeValue($"{reading.DeviceId}#{minute.ToString(CultureInfo.InvariantCulture)}#{metric}") },
            UpdateExpression = "ADD #n :one, #s :v",
            ExpressionAttributeNames = new() { ["#n"] = "n", ["#s"] = "sum" },
            ExpressionAttributeValues = new()
            {
                [":one"] = new AttributeValue { N = "1" },
                [":v"] = new AttributeValue { N = value.ToString("R", CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }
}
