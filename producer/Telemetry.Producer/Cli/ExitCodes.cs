namespace Telemetry.Producer.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>Every reading was acknowledged.</summary>
    public const int Success = 0;

    /// <summary>Some readings were finally lost (retries exhausted or unsent at the flush deadline).</summary>
    public const int ReadingsLost = 1;

    /// <summary>Bad arguments, or a configuration the stream rejects: missing region or credentials, missing stream, access denied.</summary>
    public const int BadConfiguration = 2;
}
