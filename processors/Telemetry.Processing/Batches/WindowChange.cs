namespace Telemetry.Processing.Batches;

/// <summary>How a replay would change one stored window.</summary>
public enum WindowChangeKind
{
    /// <summary>Not stored yet: it would be written.</summary>
    Created,

    /// <summary>Stored with other content: it would be rewritten.</summary>
    Changed,

    /// <summary>Stored, with no reading left in it: a rebuild would remove it.</summary>
    Removed,
}

/// <summary>One window a replay would change, and how.</summary>
public sealed record WindowChange(WindowKey Key, WindowChangeKind Kind);
