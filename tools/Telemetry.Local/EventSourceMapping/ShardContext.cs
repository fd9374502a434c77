using System.Collections.Concurrent;
using Telemetry.Aws.Kinesis;

namespace Telemetry.Local.EventSourceMapping;

/// <summary>What every shard poller of one host shares; <see cref="Handler"/> is null when a record sink consumes instead of a function.</summary>
internal sealed record ShardContext(
    MappingIdentity Identity,
    IKinesisClient Kinesis,
    StreamHandler? Handler,
    EventSourceMappingSettings Settings,
    ICheckpointStore Checkpoints,
    OnFailureDestination OnFailure,
    EventSourceMappingCounters Counters,
    TimeProvider Time,
    Action<string> Log,
    Action<string, string> CheckpointAdvanced)
{
    /// <summary>Shards that shard discovery has seen closed: a poller learns from it that its shard will take no more records.</summary>
    public ConcurrentDictionary<string, bool> ClosedShards { get; } = new(StringComparer.Ordinal);

    /// <summary>Logs a failure and keeps it as the mapping's last error, for <c>telemetry local status</c>.</summary>
    public void Fail(string message)
    {
        Log(message);
        Counters.Failed(message, Time.GetUtcNow());
    }

    /// <summary>As <see cref="Fail"/>, and marks the shard as retrying until it next moves forward.</summary>
    public void FailRetrying(string shardId, string message)
    {
        var now = Time.GetUtcNow();
        Log(message);
        Counters.Failed(message, now);
        Counters.Retrying(shardId, message, now);
    }
}
