using Telemetry.Local.Archive;
using Telemetry.Local.Emulators;
using Telemetry.Local.EventSourceMapping;
using Telemetry.Local.Stack;

namespace Telemetry.Local.Service;

/// <summary>
/// A function behind a local event source mapping on the stack's stream: the same Stream handler the Lambda runtime
/// calls, fed the same event JSON, checkpointing in the stack's data folder.
/// </summary>
public static class LocalConsumer
{
    private static readonly TimeSpan CatchUpPollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<RunningFunction> StartAsync(
        string functionName,
        StreamHandler handler,
        LocalStackState state,
        string dataDirectory,
        EventSourceMappingSettings settings,
        TimeProvider time,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        EventSourceMappingHost? host = null;
        try
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(state.StreamName, cancellationToken);
            host = new EventSourceMappingHost(
                functionName,
                state.StreamName,
                summary.StreamArn,
                LocalAws.Region,
                kinesis,
                handler,
                settings with { OnFailureDestinationPath = FunctionServicePaths.OnFailure(dataDirectory, functionName) },
                new FileCheckpointStore(FunctionServicePaths.Checkpoints(dataDirectory)),
                time,
                log);
            await host.StartAsync(cancellationToken);
            return new RunningFunction(host, kinesis);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            kinesis.Dispose();
            throw;
        }
    }

    /// <summary>The name the local delivery stream checkpoints and reports under, beside the functions.</summary>
    public const string ArchiveConsumer = "archive";

    /// <summary>
    /// The local delivery stream on the stack's stream, storing into the stack's bucket through the real S3 client, with
    /// its own checkpoints in the stack's data folder.
    /// </summary>
    public static async Task<RunningFunction> StartDeliveryStreamAsync(
        ArchiveSettings settings,
        LocalStackState state,
        string dataDirectory,
        TimeProvider time,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(state);
        var kinesis = LocalClients.Kinesis(state.Endpoint(EmulatorKind.Kinesis));
        var s3 = LocalAws.S3(state.EmulatorEndpoint(EmulatorKind.S3));
        EventSourceMappingHost? host = null;
        DeliveryStream? delivery = null;
        try
        {
            var summary = await kinesis.DescribeStreamSummaryAsync(state.StreamName, cancellationToken);
            host = new EventSourceMappingHost(
                ArchiveConsumer,
                state.StreamName,
                summary.StreamArn,
                LocalAws.Region,
                kinesis,
                sinkHost => delivery = new DeliveryStream(settings, new S3ArchiveStore(s3, state.BucketName), time, sinkHost),
                DeliveryStreamReads,
                new FileCheckpointStore(FunctionServicePaths.Checkpoints(dataDirectory)),
                time,
                log);
            await host.StartAsync(cancellationToken);
            return new RunningFunction(host, delivery, kinesis, s3);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            if (delivery is not null)
            {
                await delivery.DisposeAsync();
            }

            kinesis.Dispose();
            s3.Dispose();
            throw;
        }
    }

    // Firehose reads each shard about once a second, as much as GetRecords returns, and hands records on at once.
    private static readonly EventSourceMappingSettings DeliveryStreamReads = new()
    {
        BatchSize = 10_000,
        MaximumBatchingWindow = TimeSpan.Zero,
        PollInterval = TimeSpan.FromSeconds(1),
        StartingPosition = StartingPosition.TrimHorizon,
    };

    /// <summary>
    /// Waits until the running function service has checkpointed <paramref name="functionName"/> at or past
    /// <paramref name="targets"/> on every shard; fails at once when the service stops (see <see cref="CatchUp.WaitAsync"/>).
    /// </summary>
    public static Task WaitUntilCaughtUpAsync(
        string functionName,
        LocalStackState state,
        string dataDirectory,
        IReadOnlyDictionary<string, string> targets,
        TimeSpan deadline,
        TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var checkpoints = new FileCheckpointStore(FunctionServicePaths.Checkpoints(dataDirectory));
        return CatchUp.WaitAsync(
            $"The {functionName} of the local function service",
            targets,
            (shardId, ct) => checkpoints.GetAsync(functionName, shardId, ct),
            () => state.FunctionsRunning ? null : "the function service stopped (see './telemetry local logs --component functions')",
            deadline,
            CatchUpPollEvery,
            time,
            cancellationToken);
    }
}
