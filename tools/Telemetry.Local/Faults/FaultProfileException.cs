namespace Telemetry.Local.Faults;

/// <summary>The profile file cannot be used; the message names the file, the profile and the field.</summary>
public sealed class FaultProfileException : Exception
{
    public FaultProfileException()
    {
    }

    public FaultProfileException(string message)
        : base(message)
    {
    }

    public FaultProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
