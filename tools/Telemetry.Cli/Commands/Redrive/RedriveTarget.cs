using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using Telemetry.Aws;
using Telemetry.Aws.Kinesis;
using Telemetry.Aws.Pulumi;
using Telemetry.Local.Emulators;
using Telemetry.Local.Service;
using Telemetry.Local.Stack;

namespace Telemetry.Cli.Commands.Redrive;

/// <summary>Where a redrive reads and writes: the local stack or AWS, chosen like <c>query</c> chooses.</summary>
/// <param name="Name">Says which target was chosen, for messages.</param>
/// <param name="Source">The on-failure destination; null when the local stack has no on-failure file (nothing failed).</param>
internal sealed record RedriveTarget(
    string Name,
    string TableName,
    IKinesisClient Kinesis,
    Func<IAmazonDynamoDB> DynamoDb,
    IOnFailureSource? Source) : IDisposable
{
    /// <summary>The name Pulumi gives a function's on-failure queue (infra/components/streamFunction.ts).</summary>
    public static string QueueName(string functionName) => $"{functionName}-failures";

    public static async Task<RedriveTarget> ResolveAsync(
        RedriveCommand.Settings settings, IPulumiCommand pulumi, AwsClientEnvironment environment, CancellationToken cancellationToken)
    {
        var target = settings.ResolvedTarget;
        var state = target == "aws" ? null : LocalStackState.Load(settings.ResolvedDataDirectory);
        if (state is { AllRunning: true })
        {
            // The emulators themselves, as query reads them: a fault profile in force must not fail a repair.
            var path = settings.File ?? FunctionServicePaths.OnFailure(settings.ResolvedDataDirectory, settings.Function);
            return new RedriveTarget(
                $"local ({settings.ResolvedDataDirectory})",
                state.TableName,
                LocalClients.Kinesis(state.EmulatorEndpoint(EmulatorKind.Kinesis)),
                () => LocalAws.DynamoDb(state.EmulatorEndpoint(EmulatorKind.DynamoDb)),
                LocalSource(settings, path));
        }

        // A stopped stack whose folder still holds skipped batches means the user wants the local stack, not AWS.
        var localFailures = FunctionServicePaths.OnFailure(settings.ResolvedDataDirectory, settings.Function);
        if (target == "local" || (target == "auto" && (state is not null || (settings.File is null && File.Exists(localFailures)))))
        {
            throw new InvalidOperationException(
                $"The local stack in {settings.ResolvedDataDirectory} is not running; redrive reads the stream and writes the rollups, so start it with './telemetry local up' (its data is kept). Use --target aws for AWS.");
        }

        var outputs = settings.Stack is { } stack
            ? await PulumiStackOutputs.ReadAsync(pulumi, stack, LocalToolsFolder.RepoRoot, cancellationToken)
            : null;
        RegionEndpoint region;
        AWSCredentials credentials;
        try
        {
            region = AwsRegionResolver.Resolve(outputs?.Region, environment);
            credentials = AwsCredentialsResolver.Resolve(null, environment);
        }
        catch (AwsConfigurationException e) when (target == "auto")
        {
            throw new AwsConfigurationException($"{e.Message} No local stack is recorded in {settings.ResolvedDataDirectory} either; './telemetry local up' starts one.");
        }
        var kinesis = new KinesisClient(new KinesisClientOptions { Region = region.SystemName, Credentials = credentials });
        IOnFailureSource source;
        if (settings.File is { } file)
        {
            source = new FileOnFailureSource(file);
        }
        else
        {
            var sqs = OnFailureQueue.AwsClient(settings.Queue, credentials, region);
            var queue = settings.Queue ?? QueueName(outputs?.FunctionNames.GetValueOrDefault(settings.Function) ?? $"telemetry-{settings.Function}");
            string url;
            try
            {
                url = OnFailureQueue.IsUrl(queue) ? queue : (await sqs.GetQueueUrlAsync(queue, cancellationToken)).QueueUrl;
            }
            catch (Amazon.SQS.Model.QueueDoesNotExistException)
            {
                sqs.Dispose();
                throw new AwsConfigurationException(
                    $"There is no SQS queue '{queue}' in {region.SystemName} (the on-failure queue of '{settings.Function}'); --stack NAME finds a deployed stack's, --queue names another.");
            }

            source = new SqsOnFailureSource(sqs, url);
        }

        return new RedriveTarget(
            outputs is null ? "aws" : $"aws, stack {settings.Stack}",
            outputs?.TableName ?? PipelineNames.Table,
            kinesis,
            () => new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { RegionEndpoint = region }),
            source);
    }

    // A queue URL given with a running local stack is read there (moto server) instead of the on-failure file.
    private static IOnFailureSource? LocalSource(RedriveCommand.Settings settings, string path)
    {
        if (settings.Queue is not { } queue)
        {
            return File.Exists(path) ? new FileOnFailureSource(path) : null;
        }

        if (!OnFailureQueue.IsUrl(queue))
        {
            throw new InvalidOperationException(
                $"--queue {queue}: the local stack has no queue of that name; give the queue's URL (for moto server, http://127.0.0.1:PORT/123456789012/{queue}).");
        }

        return new SqsOnFailureSource(OnFailureQueue.LocalClient(queue), queue);
    }

    public void Dispose() => (Kinesis as IDisposable)?.Dispose();
}
