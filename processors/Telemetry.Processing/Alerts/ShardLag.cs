namespace Telemetry.Processing.Alerts;

/// <summary>
/// How far behind the stream the alerter was on one shard when it last measured: the time it processed a batch
/// minus the newest arrival in that batch. Until the next measure the watchdog assumes it is still that far behind.
/// </summary>
/// <param name="ShardId">The shard.</param>
/// <param name="Behind">The lag measured, never negative.</param>
/// <param name="MeasuredAt">When the alerter measured it.</param>
public sealed record ShardLag(string ShardId, TimeSpan Behind, DateTimeOffset MeasuredAt);
