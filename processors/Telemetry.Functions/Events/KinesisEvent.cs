using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Functions.Events;

// The documented Lambda Kinesis event, field for field; no Amazon.Lambda.* package is served to us.
public sealed record KinesisEvent(
    [property: JsonPropertyName("Records")] IReadOnlyList<KinesisEventRecord> Records)
{
    // The tumbling-window fields: present only when the mapping has TumblingWindowInSeconds. State values are
    // whatever the function returned; Lambda's own sample holds numbers, so any JSON value is read.
    [JsonPropertyName("window")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TumblingWindow? Window { get; init; }

    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Dictionary<string, JsonElement>? State { get; init; }

    [JsonPropertyName("shardId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? ShardId { get; init; }

    [JsonPropertyName("eventSourceARN")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? EventSourceArn { get; init; }

    [JsonPropertyName("isFinalInvokeForWindow")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsFinalInvokeForWindow { get; init; }

    [JsonPropertyName("isWindowTerminatedEarly")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsWindowTerminatedEarly { get; init; }
}

public sealed record TumblingWindow(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End);

public sealed record KinesisEventRecord(
    [property: JsonPropertyName("kinesis")] KinesisData Kinesis,
    [property: JsonPropertyName("eventSource")] string EventSource,
    [property: JsonPropertyName("eventVersion")] string EventVersion,
    [property: JsonPropertyName("eventID")] string EventId,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("invokeIdentityArn")] string InvokeIdentityArn,
    [property: JsonPropertyName("awsRegion")] string AwsRegion,
    [property: JsonPropertyName("eventSourceARN")] string EventSourceArn);

// approximateArrivalTimestamp is seconds since the epoch with a fraction; data is base64 of the record's bytes.
public sealed record KinesisData(
    [property: JsonPropertyName("kinesisSchemaVersion")] string KinesisSchemaVersion,
    [property: JsonPropertyName("partitionKey")] string PartitionKey,
    [property: JsonPropertyName("sequenceNumber")] string SequenceNumber,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("approximateArrivalTimestamp")] double ApproximateArrivalTimestamp);

/// <summary>
/// The <c>ReportBatchItemFailures</c> response: the ESM retries from the lowest listed sequence number. Under a
/// tumbling window it also carries the state for the next invocation; Lambda counts a response without it as failed.
/// </summary>
public sealed record StreamsEventResponse(
    [property: JsonPropertyName("batchItemFailures")] IReadOnlyList<BatchItemFailure> BatchItemFailures)
{
    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? State { get; init; }
}

public sealed record BatchItemFailure(
    [property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);

[JsonSerializable(typeof(KinesisEvent))]
[JsonSerializable(typeof(StreamsEventResponse))]
public sealed partial class LambdaEventJsonContext : JsonSerializerContext;
