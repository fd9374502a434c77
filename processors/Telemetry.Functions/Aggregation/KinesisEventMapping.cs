using System.Text.Json;
using Telemetry.Functions.Events;
using Telemetry.Functions.Observability;
using Telemetry.Processing.Metrics;
using Telemetry.Processing.Streams;

namespace Telemetry.Functions.Aggregation;

// Between Lambda's Kinesis event and the stream records the shared processing path takes.
internal static class KinesisEventMapping
{
    /// <summary>
    /// A stream function's whole entry point: reads the Lambda Kinesis event from <paramref name="input"/>, hands
    /// its records to <paramref name="process"/>, and returns the <c>batchItemFailures</c> response.
    /// </summary>
    public static async Task<Stream> HandleAsync(
        Stream input, InvocationTelemetry telemetry, Func<KinesisEvent, CancellationToken, Task<StreamsEventResponse>> process)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(input);
        var kinesisEvent = await JsonSerializer.DeserializeAsync(input, LambdaEventJsonContext.Default.KinesisEvent)
            ?? throw new InvalidDataException("The invocation payload is not a Kinesis event.");
        var response = await telemetry.RunAsync(
            BatchSpan.Of(kinesisEvent), () => process(kinesisEvent, CancellationToken.None), r => r.BatchItemFailures.Count);

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, LambdaEventJsonContext.Default.StreamsEventResponse);
        output.Position = 0;
        return output;
    }

    public static IReadOnlyList<StreamRecord> ToStreamRecords(KinesisEvent kinesisEvent) =>
        [.. kinesisEvent.Records.Select(ToStreamRecord)];

    /// <summary>The response that restarts each shard at its lowest record whose effect was not stored.</summary>
    public static StreamsEventResponse ToResponse(BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        InvocationCounters.Add(FunctionMetricNames.ReadingsAccepted, outcome.Accepted);
        return new([.. outcome.RestartPoints().Select(r => new BatchItemFailure(r.SequenceNumber))]);
    }

    private static StreamRecord ToStreamRecord(KinesisEventRecord record) =>
        new(ShardIdOf(record), record.Kinesis.SequenceNumber, record.Kinesis.PartitionKey, record.Kinesis.Data, ArrivalTime(record));

    // eventID is "<shardId>:<sequenceNumber>"; it is the only place the event names the shard.
    private static string ShardIdOf(KinesisEventRecord record)
    {
        var separator = record.EventId.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            ? record.EventId[..separator]
            : throw new InvalidDataException($"Event ID '{record.EventId}' does not start with '<shardId>:'.");
    }

    private static DateTimeOffset ArrivalTime(KinesisEventRecord record) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(record.Kinesis.ApproximateArrivalTimestamp * 1000));
}
