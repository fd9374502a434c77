namespace Telemetry.Local.Faults;

/// <summary>How one call fails as a whole, if it does.</summary>
public enum CallFault
{
    None,
    Throttle,
    ServerError,
    Reset,
}

/// <summary>An error answer made up by the proxy: HTTP status and the service's error code, without namespace.</summary>
public sealed record InjectedError(int StatusCode, string Code, string Message);

/// <summary>One failed PutRecords entry, by its index in the client's request.</summary>
public sealed record EntryFault(int Index, string ErrorCode, string ErrorMessage);

/// <summary>
/// Everything decided for one call before it is forwarded: decided up front, in one draw sequence, so the same
/// seed and the same sequence of calls give the same faults whatever the upstream answers and however long it takes.
/// </summary>
public sealed record FaultPlan(TimeSpan Latency, CallFault Call, InjectedError? Error, IReadOnlyList<EntryFault> FailedEntries, bool DropResponse)
{
    public static FaultPlan PassThrough { get; } = new(TimeSpan.Zero, CallFault.None, null, [], false);

    public bool IsPassThrough => Latency == TimeSpan.Zero && Call == CallFault.None && FailedEntries.Count == 0 && !DropResponse;
}
