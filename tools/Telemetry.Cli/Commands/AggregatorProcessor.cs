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
    /// <summary>The function's variables (lateness, TTLs), read the same way.</summary>
    public static AggregatorSettings Settings(string table) =>
        AggregatorSettings.FromEnvironment(Environment.GetEnvironmentVariable) with { TableName = table };

    /// <summary>The windows (minutes and the hours derived from them) and the lateness the function aggregates with: what a dry run or a rebuild compares.</summary>
    public static AggregationOptions Options(AggregatorSettings settings) =>
        AggregationOptions.Default with { AllowedLateness = settings.AllowedLateness };

    /// <summary>
    /// With the function's variables; <paramref name="time"/> is the time of processing, which judges lateness. Which
    /// hours have ended is the wall clock's to say, whatever time a replay processes at: the live aggregator's sweep
    /// goes by it too (docs/hour-rollups.md).
    /// </summary>
    public static StreamBatchProcessor Create(IAmazonDynamoDB dynamo, string table, TimeProvider time, TextWriter log)
    {
        var aggregator = Settings(table);
        return new StreamBatchProcessor(
            new RollupStore(dynamo, table, log, aggregator.MinuteRollupTtl, time: TimeProvider.System),
            new RejectedSink(dynamo, table, log, aggregator.RejectedTtl),
            AggregationOptions.Written(aggregator.AllowedLateness),
            time);
    }
}
