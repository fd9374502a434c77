namespace Telemetry.Local.Faults;

/// <summary>
/// What a profile does to the calls of one upstream. The call rates (throttle, server error, reset) are
/// exclusive outcomes of one draw, so they add up to at most 1; the others are drawn on their own.
/// </summary>
public sealed record UpstreamFaults
{
    public static UpstreamFaults None { get; } = new();

    /// <summary>The AWS operations (the X-Amz-Target suffix) the faults apply to; null: every operation.</summary>
    public IReadOnlySet<string>? Operations { get; init; }

    /// <summary>Calls answered 400 with a throttling error, not forwarded.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Calls answered 500 or 503, not forwarded.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Calls whose connection is closed without an answer, not forwarded: what a refused or reset connection looks like to a client.</summary>
    public double ResetRate { get; init; }

    /// <summary>Calls forwarded and applied whose answer is then dropped (connection closed): the client retries and writes a duplicate.</summary>
    public double DropResponseRate { get; init; }

    /// <summary>Kinesis PutRecords only: each entry fails on its own with this probability and is not forwarded.</summary>
    public double EntryFailureRate { get; init; }

    public TimeSpan MinLatency { get; init; }

    public TimeSpan MaxLatency { get; init; }

    public bool InjectsNothing =>
        ThrottleRate == 0 && ServerErrorRate == 0 && ResetRate == 0 && DropResponseRate == 0 && EntryFailureRate == 0 && MaxLatency == TimeSpan.Zero;

    public bool AppliesTo(string? operation) => operation is not null && !InjectsNothing && (Operations is null || Operations.Contains(operation));
}
