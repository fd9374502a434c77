namespace Telemetry.Local.Faults;

/// <summary>
/// The errors the proxy makes up, with the codes and statuses each service really answers; a second draw picks
/// between the variants so that clients meet every one of them.
/// </summary>
public static class InjectedErrors
{
    public const string ProvisionedThroughputExceeded = "ProvisionedThroughputExceededException";
    public const string InternalFailure = "InternalFailure";

    public static InjectedError Throttle(FaultUpstream upstream, double variant) => upstream switch
    {
        FaultUpstream.Kinesis => new(400, ProvisionedThroughputExceeded, "Rate exceeded for stream (injected by the fault proxy)."),
        _ => variant < 0.5
            ? new(400, ProvisionedThroughputExceeded, "The level of configured provisioned throughput for the table was exceeded (injected by the fault proxy).")
            : new(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput (injected by the fault proxy)."),
    };

    public static InjectedError ServerError(FaultUpstream upstream, double variant) => variant < 0.5
        ? new(500, upstream == FaultUpstream.Kinesis ? InternalFailure : "InternalServerError", "Internal server error (injected by the fault proxy).")
        : new(503, "ServiceUnavailable", "Service unavailable (injected by the fault proxy).");

    public static EntryFault Entry(int index, double variant) => variant < 0.5
        ? new(index, ProvisionedThroughputExceeded, "Rate exceeded for shard (injected by the fault proxy).")
        : new(index, InternalFailure, "Internal service failure (injected by the fault proxy).");
}
