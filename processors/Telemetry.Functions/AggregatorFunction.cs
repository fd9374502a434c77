using Amazon.DynamoDBv2;
using Telemetry.Aws.Kinesis;
using Telemetry.Functions.Aggregation;
using Telemetry.Functions.Events;
using Telemetry.Functions.Observability;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Metrics;
using Telemetry.Processing.Streams;
using Telemetry.Processing.Tumbling;
using Telemetry.Storage;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Functions;

/// <summary>
/// The aggregator Lambda: Kinesis batches in, rollups in DynamoDB out. Handler string for the managed
/// dotnet10 runtime: <c>Telemetry.Functions::Telemetry.Functions.AggregatorFunction::Handle</c>.
/// </summary>
public sealed class AggregatorFunction
{
    private readonly StreamBatchProcessor processor;
    private readonly Func<string, TumblingWindowProcessor> tumbling;
    private readonly InvocationTelemetry telemetry;

    /// <summary>For the Lambda runtime: settings from the environment, DynamoDB from the SDK's defaults (honours <c>AWS_ENDPOINT_URL_DYNAMODB</c>).</summary>
    public AggregatorFunction()
        : this(AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable))
    {
    }

    /// <summary>For tests and the local host.</summary>
    public AggregatorFunction(IAmazonDynamoDB dynamoDb, AggregatorSettings settings, TimeProvider timeProvider)
        : this(dynamoDb, settings, timeProvider, SharedKinesis)
    {
    }

    /// <summary>For tests: the metrics and logs lines go to <paramref name="metricsOutput"/> instead of standard output.</summary>
    internal AggregatorFunction(IAmazonDynamoDB dynamoDb, AggregatorSettings settings, TimeProvider timeProvider, TextWriter metricsOutput)
        : this(dynamoDb, settings, timeProvider, SharedKinesis, metricsOutput)
    {
    }

    /// <summary>For the local host: the stream is read again, when a flush needs it, through <paramref name="kinesis"/>.</summary>
    public AggregatorFunction(IAmazonDynamoDB dynamoDb, IKinesisClient kinesis, AggregatorSettings settings, TimeProvider timeProvider)
        : this(dynamoDb, settings, timeProvider, new Lazy<IKinesisClient>(kinesis))
    {
    }

    private AggregatorFunction(
        IAmazonDynamoDB dynamoDb, AggregatorSettings settings, TimeProvider timeProvider, Lazy<IKinesisClient> kinesis, TextWriter? metricsOutput = null)
        : this(
            new RollupStore(dynamoDb, NotNull(settings).TableName, Console.Error, settings.MinuteRollupTtl),
            new RejectedSink(dynamoDb, settings.TableName, Console.Error, settings.RejectedTtl),
            settings,
            timeProvider,
            stream => new KinesisShardRange(kinesis.Value, stream, timeProvider),
            metricsOutput)
    {
    }

    // The stores are the seam unit tests use; the DynamoDB ones are wired above.
    internal AggregatorFunction(
        RollupStore rollups,
        IRejectedStore rejected,
        AggregatorSettings settings,
        TimeProvider timeProvider,
        Func<string, IShardRangeSource> shardRange,
        TextWriter? metricsOutput = null)
        : this(rollups, rollups, rejected, settings, timeProvider, shardRange, metricsOutput: metricsOutput)
    {
    }

    internal AggregatorFunction(
        IRollupStore rollups,
        IPartialRollupStore partials,
        IRejectedStore rejected,
        AggregatorSettings settings,
        TimeProvider timeProvider,
        Func<string, IShardRangeSource> shardRange,
        int stateBudget = TumblingWindowProcessor.DefaultStateBudget,
        TextWriter? metricsOutput = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shardRange);
        var options = AggregationOptions.Written(settings.AllowedLateness);
        processor = new StreamBatchProcessor(rollups, rejected, options, timeProvider);
        tumbling = stream => new TumblingWindowProcessor(rollups, partials, rejected, shardRange(stream), options, timeProvider, stateBudget);
        telemetry = new InvocationTelemetry("aggregator", FunctionMetricNames.Aggregator, metricsOutput ?? StandardOutputLines.Writer, timeProvider);
    }

    // Built only when a flush must read a shard again; the SDK's defaults honour AWS_ENDPOINT_URL_KINESIS.
    private static readonly Lazy<IKinesisClient> SharedKinesis = new(() => new KinesisClient(new KinesisClientOptions()));

    // Settings are read before the client is built, so a bad variable fails before any AWS set-up.
    private AggregatorFunction(AggregatorSettings settings)
        : this(new AmazonDynamoDBClient(), settings, TimeProvider.System)
    {
    }

    // A constructor chain cannot check its arguments before using them; this keeps the ArgumentNullException.
    private static AggregatorSettings NotNull(AggregatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings;
    }

    /// <summary>Reads a Lambda Kinesis event and returns the <c>batchItemFailures</c> response.</summary>
    public Task<Stream> Handle(Stream input) => KinesisEventMapping.HandleAsync(input, telemetry, ProcessAsync);

    /// <summary>The event's records through the shared processing path; the failures restart each shard where its effect stops.</summary>
    internal async Task<StreamsEventResponse> ProcessAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        if (kinesisEvent.Window is not null)
        {
            return await ProcessWindowAsync(kinesisEvent, cancellationToken);
        }

        var outcome = await processor.ProcessAsync(KinesisEventMapping.ToStreamRecords(kinesisEvent), cancellationToken);
        return KinesisEventMapping.ToResponse(outcome);
    }

    // Under a tumbling window: the partials travel in the state; any failure throws, so that Lambda retries the
    // invocation with the state it gave, and nothing is reported per item.
    private async Task<StreamsEventResponse> ProcessWindowAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        var state = kinesisEvent.State is { } carried && carried.TryGetValue(PartialRollupsCodec.StateKey, out var value)
            && value.ValueKind == System.Text.Json.JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? PartialRollupsCodec.Decode(text)
            : PartialRollups.Empty;
        var stream = KinesisShardRange.StreamNameOf(kinesisEvent.EventSourceArn ?? kinesisEvent.Records.FirstOrDefault()?.EventSourceArn
            ?? throw new InvalidDataException("A tumbling-window event names no eventSourceARN."));
        var final = kinesisEvent.IsFinalInvokeForWindow || kinesisEvent.IsWindowTerminatedEarly;
        var outcome = await tumbling(stream).ProcessAsync(KinesisEventMapping.ToStreamRecords(kinesisEvent), state, final, cancellationToken);
        InvocationCounters.Add(FunctionMetricNames.ReadingsAccepted, outcome.Batch.Accepted);
        return new StreamsEventResponse([]) { State = new Dictionary<string, string> { [PartialRollupsCodec.StateKey] = outcome.EncodedState } };
    }
}
