using System.Diagnostics;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using Telemetry.Aws.Kinesis;
using Telemetry.Local.Emulators;
using Telemetry.Storage;

namespace Telemetry.Local.Stack;

/// <summary>Creates the stream, table and bucket with the names and settings the AWS deployment uses.</summary>
public sealed class LocalResources(LocalStackState state)
{
    public async Task EnsureCreatedAsync(int shardCount, Action<string>? log, CancellationToken cancellationToken)
    {
        using var kinesis = LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis));
        try
        {
            await kinesis.CreateStreamAsync(state.StreamName, shardCount, cancellationToken);
            log?.Invoke($"Created stream '{state.StreamName}' with {shardCount} shard(s).");
        }
        catch (KinesisResourceInUseException)
        {
        }

        await WaitForActiveStreamAsync(kinesis, cancellationToken);

        using var dynamo = LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb));
        try
        {
            await dynamo.CreateTableAsync(TelemetryTable.CreateTableRequest(state.TableName), cancellationToken);
            log?.Invoke($"Created table '{state.TableName}'.");
        }
        catch (ResourceInUseException)
        {
        }

        await WaitForActiveTableAsync(dynamo, cancellationToken);

        using var s3 = LocalAws.S3(state.EmulatorEndpoint(EmulatorKind.S3));
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
    private Task WaitForActiveTableAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, CancellationToken cancellationToken) =>
        WaitUntilActiveAsync(
            $"Table '{state.TableName}'",
            async () => (await dynamo.DescribeTableAsync(state.TableName, cancellationToken)).Table.TableStatus.Value,
            cancellationToken);

    private Task WaitForActiveStreamAsync(IKinesisClient kinesis, CancellationToken cancellationToken) =>
        WaitUntilActiveAsync(
            $"Stream '{state.StreamName}'",
            async () => (await kinesis.DescribeStreamSummaryAsync(state.StreamName, cancellationToken)).StreamStatus,
            cancellationToken);

    private static async Task WaitUntilActiveAsync(string what, Func<Task<string>> status, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var current = await status();
            if (current == "ACTIVE")
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{what} is still {current} after 30s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
