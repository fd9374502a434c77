using Amazon.DynamoDBv2;
using Telemetry.Processing;
using Telemetry.Processing.Streams;
using Telemetry.Storage;
using Telemetry.Storage.Rejected;
using Telemetry.Storage.Rollups;

namespace Telemetry.Cli.Commands;

/// <summary>The aggregator's own processing path and stores, for the commands that apply records as it does (redrive, replay).</summary>
internal static class AggregatorProcessor
{
    /// <summary>With the function's variables (lateness, TTLs) read the same way; <paramref name="time"/> is the time of processing.</summary>
    public static StreamBatchProcessor Create(IAmazonDynamoDB dynamo, string table, TimeProvider time, TextWriter log)
    {
        var aggregator = AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = table };
        var options = AggregationOptions.Default with { AllowedLateness = aggregator.AllowedLateness };
        return new StreamBatchProcessor(
            new RollupStore(dynamo, table, log, aggregator.MinuteRollupTtl),
            new RejectedSink(dynamo, table, log, aggregator.RejectedTtl),
            options,
            time);
    }
}
