using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Functions.Rollups;
using Telemetry.Local.Emulators;

namespace Telemetry.Local.Stack;

/// <summary>Creates the stream, table and bucket with the names and settings the AWS deployment uses.</summary>
public sealed class LocalResources(LocalStackState state)
{
    public async Task EnsureCreatedAsync(int shardCount, Action<string>? log, CancellationToken cancellationToken)
    {
        using var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        try
        {
            await kinesis.CreateStreamAsync(state.StreamName, shardCount, cancellationToken);
            log?.Invoke($"Created stream '{state.StreamName}' with {shardCount} shard(s).");
        }
        catch (KinesisResourceInUseException)
        {
        }

        await WaitForActiveStreamAsync(kinesis, cancellationToken);

        using var dynamo = LocalAws.DynamoDb(state.Endpoint(EmulatorKind.DynamoDb));
        try
        {
            await dynamo.CreateTableAsync(RollupTable.CreateTableRequest(state.TableName), cancellationToken);
            log?.Invoke($"Created table '{state.TableName}'.");
        }
        catch (ResourceInUseException)
        {
        }

        await WaitForActiveTableAsync(dynamo, cancellationToken);

        using var s3 = LocalAws.S3(state.Endpoint(EmulatorKind.S3));
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = state.BucketName }, cancellationToken);
            log?.Invoke($"Created bucket '{state.BucketName}'.");
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    // dynalite, like DynamoDB, answers ResourceNotFound to item writes while the table is CREATING.
    private async Task WaitForActiveTableAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var table = await dynamo.DescribeTableAsync(state.TableName, cancellationToken);
            if (table.Table.TableStatus == Amazon.DynamoDBv2.TableStatus.ACTIVE)
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Table '{state.TableName}' is still {table.Table.TableStatus} after 30s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private async Task WaitForActiveStreamAsync(IKinesisClient kinesis, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(state.StreamName, cancellationToken);
            if (summary.StreamStatus == "ACTIVE")
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Stream '{state.StreamName}' is still {summary.StreamStatus} after 30s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
