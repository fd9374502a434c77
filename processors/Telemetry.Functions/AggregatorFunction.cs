using Amazon.DynamoDBv2;
using Telemetry.Functions.Aggregation;
using Telemetry.Functions.Events;
using Telemetry.Processing;
using Telemetry.Processing.Batches;
using Telemetry.Processing.Streams;
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

    /// <summary>For the Lambda runtime: settings from the environment, DynamoDB from the SDK's defaults (honours <c>AWS_ENDPOINT_URL_DYNAMODB</c>).</summary>
    public AggregatorFunction()
        : this(AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable))
    {
    }

    /// <summary>For tests and the local host.</summary>
    public AggregatorFunction(IAmazonDynamoDB dynamoDb, AggregatorSettings settings, TimeProvider timeProvider)
        : this(
            new RollupStore(dynamoDb, NotNull(settings).TableName, Console.Error, settings.MinuteRollupTtl),
            new RejectedSink(dynamoDb, settings.TableName, Console.Error, settings.RejectedTtl),
            settings,
            timeProvider)
    {
    }

    // The stores are the seam unit tests use; the DynamoDB ones are wired above.
    internal AggregatorFunction(IRollupStore rollups, IRejectedStore rejected, AggregatorSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = AggregationOptions.Default with { AllowedLateness = settings.AllowedLateness };
        processor = new StreamBatchProcessor(rollups, rejected, options, timeProvider);
    }

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
    public Task<Stream> Handle(Stream input) => KinesisEventMapping.HandleAsync(input, ProcessAsync);

    /// <summary>The event's records through the shared processing path; the failures restart each shard where its effect stops.</summary>
    internal async Task<StreamsEventResponse> ProcessAsync(KinesisEvent kinesisEvent, CancellationToken cancellationToken)
    {
        var outcome = await processor.ProcessAsync(KinesisEventMapping.ToStreamRecords(kinesisEvent), cancellationToken);
        return KinesisEventMapping.ToResponse(outcome);
    }
}
