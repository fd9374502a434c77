namespace Telemetry.Local.EventSourceMapping;

/// <summary>Where a shard without a checkpoint is first read, as in the mapping's <c>StartingPosition</c>.</summary>
public enum StartingPosition
{
    TrimHorizon,
    Latest,
}
