namespace Telemetry.Local.EventSourceMapping;

/// <summary>A shard that is not moving: its batch (or its Kinesis read) keeps failing and is being retried.</summary>
/// <param name="ShardId">The shard.</param>
/// <param name="Failures">Failed attempts since the shard last moved forward.</param>
/// <param name="Since">When the first of them failed.</param>
/// <param name="LastError">What the latest attempt failed with.</param>
/// <param name="LastErrorAt">When.</param>
public sealed record ShardRetryState(string ShardId, int Failures, DateTimeOffset Since, string LastError, DateTimeOffset LastErrorAt);
