namespace Telemetry.Contracts;

/// <summary>
/// The exit codes of every command line here (the <c>telemetry</c> CLI and the simulator), for scripts
/// (docs/durations-and-exit-codes.md).
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The command ran, but its result is a failure: readings lost, sent and counted not reconciled, the local
    /// stack not running, or the run cancelled.
    /// </summary>
    public const int Failed = 1;

    /// <summary>
    /// The command could not run as asked: an unknown flag, a bad value, a missing region or credentials, a stream
    /// or stack that does not exist. Fix the arguments or the configuration, not the data.
    /// </summary>
    public const int Usage = 2;
}
