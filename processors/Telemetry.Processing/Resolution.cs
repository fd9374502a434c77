namespace Telemetry.Processing;

/// <summary>Width of a tumbling, UTC-aligned event-time window.</summary>
public enum Resolution
{
    /// <summary>One minute; code <c>1m</c>.</summary>
    Minute,

    /// <summary>One hour; code <c>1h</c>.</summary>
    Hour,
}
