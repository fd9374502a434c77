namespace Telemetry.Processing;

/// <summary>Whether a reading may still update its windows.</summary>
public enum LatenessVerdict
{
    /// <summary>Within the allowed lateness: aggregate it.</summary>
    Accepted,

    /// <summary>Its windows closed too long ago: send it to the rejected sink.</summary>
    TooLate,
}
