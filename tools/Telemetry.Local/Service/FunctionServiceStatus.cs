using System.Text.Json;
using System.Text.Json.Serialization;
using Telemetry.Local.EventSourceMapping;

namespace Telemetry.Local.Service;

/// <summary>
/// What the local function service reports about itself, rewritten every second to a file in the data folder:
/// the CLI reads it for <c>local status</c> and the demo, without talking to the process.
/// </summary>
/// <param name="ProcessId">The service's PID, so a status left by an earlier run is not mistaken for this one.</param>
/// <param name="StartedAt">When the service started.</param>
/// <param name="UpdatedAt">When this status was written.</param>
/// <param name="Ready">Every consumer has started polling.</param>
/// <param name="Consumers">One entry per function behind an event source mapping.</param>
public sealed record FunctionServiceStatus(
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    bool Ready,
    IReadOnlyList<ConsumerStatus> Consumers)
{
    public static FunctionServiceStatus? Load(string dataDirectory)
    {
        var path = FunctionServicePaths.Status(dataDirectory);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), FunctionServiceJson.Default.FunctionServiceStatus) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // Written by rename, so only a foreign or truncated file lands here.
        }
    }

    public void Save(string dataDirectory)
    {
        var path = FunctionServicePaths.Status(dataDirectory);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, FunctionServiceJson.Default.FunctionServiceStatus));
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One consumer (a function behind its event source mapping) as the service sees it.</summary>
/// <param name="Function">The function's name in config/pipeline.json.</param>
/// <param name="Running">Its mapping is polling the stream.</param>
/// <param name="BatchesInvoked">Invocations since the service started, retries and bisected halves included.</param>
/// <param name="RecordsProcessed">Records the function processed (checkpointed past) since the service started.</param>
/// <param name="Retries">Invocations repeated after a failure.</param>
/// <param name="SkippedRecords">Records given up on and written to the on-failure file.</param>
/// <param name="Checkpoints">Shard id to the last checkpointed sequence number (null: nothing processed yet).</param>
/// <param name="LastError">The most recent failure, if any.</param>
/// <param name="LastErrorAt">When it happened.</param>
public sealed record ConsumerStatus(
    string Function,
    bool Running,
    long BatchesInvoked,
    long RecordsProcessed,
    long Retries,
    long SkippedRecords,
    IReadOnlyDictionary<string, string?> Checkpoints,
    string? LastError,
    DateTimeOffset? LastErrorAt)
{
    // A status written by an older service has no such property, and the generated reader then sets null.
    private readonly IReadOnlyList<ShardRetryState>? _retryingShards;

    /// <summary>Shards whose batch keeps failing and is being retried (empty: every shard moves, or a status from an older service).</summary>
    public IReadOnlyList<ShardRetryState> RetryingShards
    {
        get => _retryingShards ?? [];
        init => _retryingShards = value;
    }

    /// <summary>The invocations' durations added up, each rounded up to the millisecond as Lambda bills them (0 from an older service).</summary>
    public long BilledMilliseconds { get; init; }

    private readonly IReadOnlyDictionary<string, long>? _dynamoDbCalls;

    /// <summary>The function's DynamoDB calls since the service started, by operation (empty: none, or an older service).</summary>
    public IReadOnlyDictionary<string, long> DynamoDbCalls
    {
        get => _dynamoDbCalls ?? new Dictionary<string, long>();
        init => _dynamoDbCalls = value;
    }

    private readonly IReadOnlyDictionary<string, double>? _dynamoDbCapacityUnits;

    /// <summary>The capacity units those calls consumed, by operation, as DynamoDB reported them (empty: none, or an older service).</summary>
    public IReadOnlyDictionary<string, double> DynamoDbCapacityUnits
    {
        get => _dynamoDbCapacityUnits ?? new Dictionary<string, double>();
        init => _dynamoDbCapacityUnits = value;
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FunctionServiceStatus))]
internal sealed partial class FunctionServiceJson : JsonSerializerContext;
